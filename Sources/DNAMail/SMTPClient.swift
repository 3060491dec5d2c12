import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// Why a mail did not go out. A temporary failure (a 4xx reply, a dropped connection, a
/// timeout) is worth another try later; a permanent one (a 5xx reply, a refused certificate,
/// a server that will not protect the password) is not.
public enum MailError: Error, Equatable, CustomStringConvertible {
    case temporary(String)
    case permanent(String)

    public var description: String {
        switch self {
        case .temporary(let reason), .permanent(let reason): reason
        }
    }

    public var isTemporary: Bool { if case .temporary = self { true } else { false } }
}

/// An SMTP client on SwiftNIO (no mirrored package speaks SMTP): EHLO, STARTTLS or TLS from
/// the start (swift-nio-ssl, certificates checked against the system's roots and `?ca=`),
/// AUTH PLAIN only over TLS, one message per connection. Each reply is awaited with a
/// deadline, so a server that stops answering costs one timeout, never a stuck sender.
public struct SMTPClient: Sendable {
    public let settings: MailSettings

    public init(settings: MailSettings) { self.settings = settings }

    /// Sends `message` to `message.to`; throws `MailError`.
    public func send(_ message: MailMessage) async throws(MailError) {
        do {
            try await deliver(message)
        } catch let error as MailError {
            throw error
        } catch let error as NIOSSLError {
            throw .permanent("TLS with \(settings.host) failed: \(error)")
        } catch let error as BoringSSLError {
            throw .permanent("TLS with \(settings.host) failed: \(error)")
        } catch {
            throw .temporary("the connection to \(settings.host):\(settings.port) failed: \(Self.reason(error))")
        }
    }

    /// What went wrong in words a person reads on the campaign page: the system's message for
    /// a refused or unreachable address ("Connection refused"), not NIO's nested description.
    static func reason(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if let failure = connection.connectionErrors.first { return reason(failure.error) }
            if let lookup = connection.dnsAError ?? connection.dnsAAAAError { return "the name could not be resolved (\(lookup))" }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }

    private func deliver(_ message: MailMessage) async throws {
        let tls = try makeTLSContext()
        let settings = self.settings
        let (channel, implicitHandshake) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(settings.timeoutSeconds))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    var handshake: EventLoopFuture<Void>?
                    if settings.security == .implicitTLS {
                        let watcher = TLSHandshakeWatcher(eventLoop: channel.eventLoop)
                        try channel.pipeline.syncOperations.addHandlers(
                            try NIOSSLClientHandler(context: tls, serverHostname: Self.serverName(settings.host)), watcher)
                        handshake = watcher.done.futureResult
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return (try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel), handshake)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var conversation = Conversation(
                replies: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel,
                timeout: .seconds(settings.timeoutSeconds), host: settings.host)
            if let implicitHandshake { try await Self.handshake(implicitHandshake, host: settings.host) }
            try await conversation.expect(220, "greeting")
            var extensions = try await conversation.ehlo()
            var secured = settings.security == .implicitTLS
            if !secured && extensions.contains("STARTTLS") {
                try await conversation.command("STARTTLS", expect: 220)
                // Made on the channel's event loop: a TLS handler belongs to its loop. Nothing is
                // written until the handshake is done, so a refused certificate is reported as
                // that, not as whatever write came after it.
                let pipeline = channel.channel.pipeline, loop = channel.channel.eventLoop
                let handshake = try await loop.submit {
                    let watcher = TLSHandshakeWatcher(eventLoop: loop)
                    try pipeline.syncOperations.addHandlers(
                        [try NIOSSLClientHandler(context: tls, serverHostname: Self.serverName(settings.host)), watcher], position: .first)
                    return watcher.done.futureResult
                }.get()
                try await Self.handshake(handshake, host: settings.host)
                secured = true
                extensions = try await conversation.ehlo()
            }
            if !secured && settings.security == .startTLSRequired {
                throw MailError.permanent("\(settings.host) does not offer STARTTLS, and the SMTP URL says tls=required")
            }
            if let username = settings.username {
                guard secured else {
                    throw MailError.permanent("\(settings.host) offers no TLS; the password is not sent in the clear")
                }
                guard extensions.contains(where: { $0.hasPrefix("AUTH") && $0.contains("PLAIN") }) else {
                    throw MailError.permanent("\(settings.host) does not offer AUTH PLAIN")
                }
                let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await conversation.command("AUTH PLAIN \(token)", expect: 235, what: "AUTH PLAIN")
            }
            try await conversation.command("MAIL FROM:<\(MailMessage.headerSafe(settings.from))>", expect: 250)
            try await conversation.command("RCPT TO:<\(MailMessage.headerSafe(message.to))>", expect: 250)
            try await conversation.command("DATA", expect: 354)
            try await conversation.write(Self.dotStuffed(message.rendered()) + ".\r\n")
            try await conversation.expect(250, "the end of the message")
            // The mail is accepted; a QUIT that goes wrong does not make it unsent.
            _ = try? await conversation.command("QUIT", expect: 221)
        }
    }

    /// Waits for the TLS handshake on `channel`; a failure is permanent: a certificate that
    /// does not check out will not check out on the next try either.
    private static func handshake(_ done: EventLoopFuture<Void>, host: String) async throws {
        do {
            try await done.get()
        } catch {
            throw MailError.permanent("TLS with \(host) failed: \(error)")
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let file = settings.trustedCertificates {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(file)
            } catch {
                throw MailError.permanent("the certificates in \(file) cannot be read: \(error)")
            }
            configuration.trustRoots = .default
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI takes a host name, never an address.
    private static func serverName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }

    /// A line of the message that starts with "." gets another (RFC 5321 4.5.2), so no line of
    /// the text can end the DATA early.
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }

    /// One exchange after another on the connection.
    struct Conversation {
        var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        let channel: Channel
        let timeout: TimeAmount
        /// What the deadline was waiting for when it passed, if it did: whatever fails after
        /// that (a write on the closed connection) is reported as the timeout it is.
        let expired = Deadline()
        let host: String

        mutating func ehlo() async throws -> [String] {
            let reply = try await command("EHLO \(Self.localName)", expect: 250, what: "EHLO")
            return reply.lines.dropFirst().map { $0.uppercased() }
        }

        @discardableResult
        mutating func command(_ line: String, expect code: Int, what: String? = nil) async throws -> SMTPReply {
            try await write(line + "\r\n")
            return try await expect(code, what ?? String(line.prefix(while: { $0 != " " && $0 != ":" })))
        }

        func write(_ text: String) async throws {
            do {
                try await outbound.write(ByteBuffer(string: text))
            } catch {
                if let what = expired.what { throw timedOut(what) }
                throw error
            }
        }

        private func timedOut(_ what: String) -> MailError {
            .temporary("\(host) did not answer \(what) within \(timeout.nanoseconds / 1_000_000_000) s")
        }

        @discardableResult
        mutating func expect(_ code: Int, _ what: String) async throws -> SMTPReply {
            let reply = try await next(what)
            guard reply.code == code else {
                let reason = "\(host) answered \(what) with \(reply.code) \(reply.lines.joined(separator: " "))"
                throw reply.code >= 500 ? MailError.permanent(reason) : MailError.temporary(reason)
            }
            return reply
        }

        /// The next reply, or a temporary failure when none comes in time or the server hangs up.
        /// The deadline runs only while a reply is awaited: when it passes, the connection is
        /// closed with `ReplyTimeout`, which ends the wait.
        private mutating func next(_ what: String) async throws -> SMTPReply {
            let channel = self.channel, expired = self.expired
            let deadline = channel.eventLoop.scheduleTask(in: timeout) {
                expired.pass(what)
                channel.pipeline.fireErrorCaught(ReplyTimeout())
                channel.close(promise: nil)
            }
            defer { deadline.cancel() }
            do {
                guard let reply = try await replies.next() else {
                    if let what = expired.what { throw timedOut(what) }
                    throw MailError.temporary("\(host) closed the connection before answering \(what)")
                }
                return reply
            } catch is ReplyTimeout {
                throw timedOut(what)
            }
        }

        static let localName = ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName
    }
}

/// One reply of an SMTP server: its code and the text of each line.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var lines: [String]
}

/// Reads replies from the byte stream: lines `250-...` continue, `250 ...` ends one.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var pending: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw MailError.permanent("the server sent a line longer than 4096 bytes") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        // Bytes, not characters: "\r\n" is one Character, which no suffix test of "\n" matches.
        var utf8 = buffer.readBytes(length: length) ?? []
        while let last = utf8.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { utf8.removeLast() }
        let line = String(decoding: utf8, as: UTF8.self)
        guard utf8.count >= 3, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)) else {
            throw MailError.temporary("the server sent a line that is not an SMTP reply: \(line.prefix(80))")
        }
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        pending.append(text)
        if utf8.count > 3 && utf8[3] == UInt8(ascii: "-") { return .continue }
        context.fireChannelRead(NIOAny(SMTPReply(code: code, lines: pending)))
        pending = []
        return .continue
    }
}

/// A server that has said nothing for the timeout: the reply being awaited fails.
struct ReplyTimeout: Error {}

/// Whether a reply's deadline passed, and for what; set on the event loop, read by the sender.
final class Deadline: Sendable {
    private let passed = Mutex<String?>(nil)

    func pass(_ what: String) { passed.withLock { $0 = what } }
    var what: String? { passed.withLock { $0 } }
}

/// Completes `done` when the TLS handshake has finished, or fails it with why it did not.
final class TLSHandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let done: EventLoopPromise<Void>
    private var settled = false

    init(eventLoop: EventLoop) { done = eventLoop.makePromise() }

    private func settle(_ result: Result<Void, Error>) {
        guard !settled else { return }
        settled = true
        done.completeWith(result)
    }

    func handlerRemoved(context: ChannelHandlerContext) { settle(.failure(ChannelError.ioOnClosedChannel)) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { settle(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        settle(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle(.failure(ChannelError.ioOnClosedChannel))
        context.fireChannelInactive()
    }
}
