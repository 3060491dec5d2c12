import Foundation

/// Where a `next` parameter may send a browser: a path on this server, nothing else.
/// Browsers read `\` as `/` and drop tabs and line breaks inside URLs, so `/\evil`,
/// `/<TAB>/evil` and `//evil` all leave the site; each is refused, as is anything a URL
/// parser sees a scheme or a host in.
enum LocalRedirect {
    static func path(_ candidate: String?) -> String? {
        guard let candidate, candidate.hasPrefix("/"), candidate.utf8.count <= 2048 else { return nil }
        for scalar in candidate.unicodeScalars {
            if scalar == "\\" || scalar.value < 0x21 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return nil }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format { return nil }
        }
        let afterSlash = candidate.dropFirst().first
        if afterSlash == "/" { return nil }
        guard let components = URLComponents(string: candidate), components.scheme == nil, components.host == nil,
            components.percentEncodedPath.hasPrefix("/"), !components.percentEncodedPath.hasPrefix("//")
        else { return nil }
        return candidate
    }
}
