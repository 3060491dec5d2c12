import Foundation

/// The content security policies, in one place. Pages load only their own stylesheet and at
/// most the one script this server serves (`UnsavedLinksScript`): no inline script, no inline
/// handler and nothing from elsewhere may run, so injected markup stays inert, and
/// `base-uri` stops an injected `<base>` from re-pointing relative links.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// For downloaded HTML reports: they carry their style inline and are opened from disk,
    /// where no header reaches them, so the same policy travels inside the file too.
    static let reportPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// A file name safe inside `Content-Disposition`: letters, digits and `.-_` only.
    static func fileName(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": Character(scalar)
            default: "-"
            }
        }
        let trimmed = String(kept).trimmingCharacters(in: ["-", "."])
        return trimmed.isEmpty ? "download" : String(trimmed.prefix(120))
    }
}
