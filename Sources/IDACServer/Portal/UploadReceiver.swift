import Foundation
import Hummingbird
import SDMXInput

/// A file sent to the portal, on disk, with the form's small fields.
struct Upload {
    let file: TemporaryUpload
    /// The name the client gave the file: only ever shown (escaped), never used as a path.
    let fileName: String?
    /// The form's text fields (`dataflow`, `format`, `csrf`…), each at most 4 KB.
    let fields: [String: String]
    /// Stops the upload's check at its deadline or when its client has gone (set once it is received).
    var cancellation: ReadCancellation?
}

/// Streams a request body into a ``TemporaryUpload``: the raw body, or the `file` (or Fusion Registry's
/// `uploadFile`) part of a multipart form. At most `limit` bytes of body are read (413 past them, before
/// reading anything when `Content-Length` says so); the file is removed if the upload fails.
struct UploadReceiver {
    static let fileFields: Set<String> = ["file", "uploadFile"]
    static let maximumFieldBytes = 4096
    static let maximumNameBytes = 255

    let directory: String
    let limit: Int

    func receive(_ request: Request) async throws -> Upload {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw PortalError.tooLarge(limit)
        }
        let file = try TemporaryUpload(directory: directory)
        do {
            let upload = try await read(request, into: file)
            try file.finishWriting()
            return upload
        } catch {
            file.remove()
            throw error
        }
    }

    /// After its first 30 seconds an upload must have come at 16 KB/s on average: a client that trickles
    /// bytes (each resets the connection's idle timer) would otherwise hold a validation slot for as long
    /// as it likes, and a few such clients would shut every upload out.
    static let graceSeconds = 30.0
    static let minimumBytesPerSecond = 16.0 * 1024

    static func checkPace(received: Int, since start: ContinuousClock.Instant) throws {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > graceSeconds, Double(received) < seconds * minimumBytesPerSecond else { return }
        throw PortalError(
            .requestTimeout, "the upload came too slowly (under 16 KB/s after 30 seconds): send it again")
    }

    private func read(_ request: Request, into file: TemporaryUpload) async throws -> Upload {
        var received = 0
        let start = ContinuousClock.now
        let contentType = request.headers[.contentType]
        guard MultipartReader.isMultipart(contentType) else {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= limit else { throw PortalError.tooLarge(limit) }
                try Self.checkPace(received: received, since: start)
                try file.write(buffer)
            }
            return Upload(file: file, fileName: nil, fields: [:])
        }
        guard var reader = MultipartReader(contentType: contentType ?? "") else {
            throw PortalError(.badRequest, "a multipart upload must be multipart/form-data with a boundary")
        }
        var fields: [String: String] = [:]
        var fileName: String?
        var sawFile = false
        var current: (name: String, isFile: Bool, text: [UInt8])?
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= limit else { throw PortalError.tooLarge(limit) }
                try Self.checkPace(received: received, since: start)
                try reader.feed(buffer.readableBytesView) { event in
                    switch event {
                    case .start(let name, let givenName):
                        let isFile = Self.fileFields.contains(name) && !sawFile
                        if isFile {
                            sawFile = true
                            fileName = givenName.map {
                                String(decoding: $0.utf8.prefix(Self.maximumNameBytes), as: UTF8.self)
                            }
                        }
                        current = (name, isFile, [])
                    case .bytes(let bytes):
                        guard let part = current else { return }
                        if part.isFile {
                            try file.write(bytes)
                        } else if Self.fileFields.contains(part.name) {
                            return  // a second file: not read
                        } else {
                            guard part.text.count + bytes.count <= Self.maximumFieldBytes else {
                                throw PortalError(
                                    .badRequest, "the form field '\(part.name.prefix(40))' is longer than 4 KB")
                            }
                            current?.text.append(contentsOf: bytes)
                        }
                    case .end:
                        if let part = current, !part.isFile, !Self.fileFields.contains(part.name), fields.count < 16 {
                            fields[part.name] = String(decoding: part.text, as: UTF8.self)
                        }
                        current = nil
                    }
                }
            }
            try reader.finish()
        } catch let malformed as MultipartReader.Malformed {
            throw PortalError(.badRequest, "the multipart upload cannot be read: \(malformed.message)")
        }
        guard sawFile else {
            throw PortalError(.badRequest, "the form has no file: send it in the field 'file' (or 'uploadFile')")
        }
        return Upload(file: file, fileName: fileName, fields: fields)
    }
}
