import DNAApp
import DNACore
import DNAStore
import Hummingbird

/// The open link of a wave or a survey as a QR code (SVG drawn here), to print for places
/// mail does not reach: a factory floor, a shop counter. Shown to those who see the link on
/// the page, made from the configured public address, and never cached: the link can be
/// replaced, and the old code must not outlive it.
extension PageController {
    func addOpenLinkQRRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignOpenLinkQR(w, id) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, _, _ in
                let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: try context.parameter("id"))
                guard let secret = campaign.openLink else { throw StoreError.notFound("'\(campaign.name)' has no open link") }
                return try Self.qrCode(publicURL + SiteURL.openLink(secret).path, title: "Open link to \(campaign.name)")
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyOpenLinkQR(w, id) })) { request, context in
            try await page(request, context) { workspace, _, _ in
                let survey = try await store.surveys.survey(workspaceID: workspace.id, id: try context.parameter("id"))
                guard let secret = survey.openLink else { throw StoreError.notFound("'\(survey.name)' has no open link") }
                return try Self.qrCode(publicURL + SiteURL.customerOpenLink(secret).path, title: "Open link to \(survey.titleForCustomers)")
            }
        }
    }

    static func qrCode(_ link: String, title: String) throws -> Response {
        let code: QRCode
        do {
            code = try QRCode(link)
        } catch {
            throw StoreError.invalid("the link is longer than a QR code here holds (\(QRCode.byteLimit) bytes); shorten the public URL")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "inline; filename=\"open-link.svg\"", .init("X-Content-Type-Options")!: "nosniff",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: code.svg(title: title))))
    }
}
