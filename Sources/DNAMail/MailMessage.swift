import Foundation

/// A mail with a plain-text and an HTML part, written as RFC 5322 and MIME: headers that
/// cannot be split by what a person typed, non-ASCII words encoded (RFC 2047), bodies in
/// base64 so any text and any line length arrive as written.
public struct MailMessage: Sendable, Equatable {
    public var fromName: String
    public var fromAddress: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    /// Identifies the mail, so a retry the server already took is recognisably the same mail.
    public var messageID: String
    public var date: Date

    public init(
        fromName: String, fromAddress: String, to: String, subject: String, text: String, html: String, messageID: String,
        date: Date
    ) {
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    /// The message as sent after DATA, lines ending in CRLF (before dot-stuffing).
    public func rendered(boundary: String = "cdna-" + UUID().uuidString) -> String {
        let headers = [
            "From: \(Self.phrase(fromName)) <\(Self.headerSafe(fromAddress))>",
            "To: <\(Self.headerSafe(to))>",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(Self.headerSafe(messageID))>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        var lines = headers + [""]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
            ]
            lines += Self.base64Lines(body)
        }
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// A header value with line breaks removed: a name or subject typed with a newline cannot
    /// add a header (`Bcc:`) of its own.
    static func headerSafe(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init))
    }

    /// A display name: quoted when it is ASCII, encoded words otherwise.
    static func phrase(_ name: String) -> String {
        let safe = headerSafe(name)
        guard safe.unicodeScalars.allSatisfy({ $0.isASCII }) else { return encodedWords(safe) }
        return "\"" + safe.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// RFC 2047 `=?UTF-8?B?...?=` words for text with non-ASCII characters, in pieces short
    /// enough for a header line; ASCII text as it is.
    static func encodedWords(_ text: String) -> String {
        let safe = headerSafe(text)
        guard !safe.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) else { return safe }
        var words: [String] = [], piece = ""
        for character in safe {
            // 45 bytes of UTF-8 make 60 characters of base64: the word stays under 75.
            if piece.utf8.count + String(character).utf8.count > 45 {
                words.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { words.append(piece) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            let to = encoded.index(from, offsetBy: min(76, encoded.count - start))
            return String(encoded[from..<to])
        }
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
