import DNACore
import NIOCore
import PostgresKit

/// Many responses into PostgreSQL with COPY instead of multi-row INSERTs: the rows stream to
/// the server as text, with no statement to parse and no 5,000 bound values per round trip.
/// It runs on the transaction's own connection, so an import stays all or nothing.
enum ResponseCopy {
    static let columns = [
        "id", "campaign_id", "respondent_key", "unit_id", "role_id", "likert", "outcome", "source", "started_at", "submitted_at",
        "summed",
    ]

    static func copy(_ rows: [CampaignRepository.ResponseRow], summed: Bool, into connection: PostgresConnection) async throws {
        try await connection.copyFrom(table: "responses", columns: columns, logger: connection.logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(256 * 1024)
            for row in rows {
                field(row.id, &buffer, last: false)
                field(row.campaignID, &buffer, last: false)
                field(row.respondentKey, &buffer, last: false)
                field(row.unitID, &buffer, last: false)
                field(row.roleID, &buffer, last: false)
                field(LikertCodes.encode(row.likert), &buffer, last: false)
                field(row.outcome, &buffer, last: false)
                field(row.source, &buffer, last: false)
                field(String(row.startedAt), &buffer, last: false)
                field(row.submittedAt.map { String($0) }, &buffer, last: false)
                field(summed ? "1" : "0", &buffer, last: true)
                if buffer.readableBytes >= 256 * 1024 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// One field of COPY's text format: NULL is `\N`; backslash, tab, newline and carriage
    /// return are escaped, so any text a respondent key or outcome holds arrives as sent.
    static func field(_ value: String?, _ buffer: inout ByteBuffer, last: Bool) {
        if let value {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        } else {
            buffer.writeStaticString("\\N")
        }
        buffer.writeInteger(last ? UInt8(ascii: "\n") : UInt8(ascii: "\t"))
    }
}
