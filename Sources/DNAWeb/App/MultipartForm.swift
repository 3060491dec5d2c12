import Foundation

/// A file sent with a form (`multipart/form-data`), as the browser sent it; its type is
/// decided by its bytes where it matters, never by this name or type.
struct UploadedFile: Sendable {
    var filename: String
    var bytes: [UInt8]
}

/// Reads `multipart/form-data` (RFC 7578): text fields become form values, file fields
/// `UploadedFile`s. The body has already been held to its size limit; a part without a name
/// or a body that does not follow the format is refused as a bad request.
enum MultipartForm {
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value =
                    pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                    ? String(pair[1].dropFirst().dropLast()) : pair[1]
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String) throws -> (values: [String: [String]], files: [String: UploadedFile]) {
        let delimiter = Array("--\(boundary)".utf8)
        var values: [String: [String]] = [:]
        var files: [String: UploadedFile] = [:]
        let starts = occurrences(of: delimiter, in: body)
        guard starts.count >= 2 else { throw WebError.badRequest("the form is not valid multipart/form-data") }
        for (start, next) in zip(starts, starts.dropFirst()) {
            var part = Array(body[(start + delimiter.count)..<next])
            // A part runs from the line after its delimiter to the line ending before the next one.
            guard part.starts(with: [13, 10]), part.count >= 4, part.suffix(2) == [13, 10] else {
                throw WebError.badRequest("the form is not valid multipart/form-data")
            }
            part = Array(part[2..<(part.count - 2)])
            guard let split = occurrences(of: [13, 10, 13, 10], in: part).first else {
                throw WebError.badRequest("a part of the form has no headers")
            }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            let content = Array(part[(split + 4)...])
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                let name = parameter("name", in: String(disposition))
            else { throw WebError.badRequest("a part of the form has no name") }
            if let filename = parameter("filename", in: String(disposition)) {
                if !filename.isEmpty || !content.isEmpty { files[name] = UploadedFile(filename: filename, bytes: content) }
            } else {
                values[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
        return (values, files)
    }

    /// `name="value"` from a Content-Disposition line.
    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            let value = pair[1]
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// Where `needle` starts in `haystack`, left to right, not overlapping.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var index = 0
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
