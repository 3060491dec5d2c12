import DNACLI

@main
struct CDNAMain {
    static func main() async {
        await CDNA.main()
    }
}
