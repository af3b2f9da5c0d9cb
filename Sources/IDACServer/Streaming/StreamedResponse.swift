import Foundation
import Hummingbird
import SDMXModel
import SDMXREST

/// Turns an ``AnswerStream`` into the HTTP response. The status is decided from the first thing the
/// writing thread hands over: a failure before any chunk is an error answer with its own status, an
/// answer that ends holding nothing is "no results" (404, or 204 where the 2.x service is so
/// configured), anything else is 200 and streams. A failure after the first chunk has gone can no longer
/// change the status: the body is cut without its last chunk, which every HTTP client reports.
enum StreamedResponse {
    static func make(
        stream: AnswerStream, contentType: String, request: Request, emptyStatus: Int,
        extraHeaders: HTTPFields = HTTPFields()
    ) async throws -> Response {
        var iterator = stream.makeIterator()
        guard let first = await iterator.next() else {
            throw RESTError(code: 500, status: 500, "the answer ended without a word")
        }
        var headers = extraHeaders
        headers[.contentType] = contentType
        headers[.vary] = "Accept, Accept-Encoding"
        let gzip = acceptsGzip(request.headers[.acceptEncoding])
        if gzip { headers[.contentEncoding] = "gzip" }
        // HEAD gets the status and headers only: the rest of the answer is never read (it cost a full
        // answer's reading and a connection, discarded, before).
        if request.method == .head, !first.isFailure {
            stream.cancel()
            if case .end(_, let count) = first, count == 0 {
                if emptyStatus == 204 { return Response(status: .noContent, headers: extraHeaders) }
                throw RESTError.noResults("no observations match the query")
            }
            headers[.contentEncoding] = nil
            return Response(status: .ok, headers: headers, body: ResponseBody())
        }
        switch first {
        case .failure(let error):
            throw RESTErrorMapping.restError(for: error)
        case .end(let rest, let count):
            guard count > 0 else {
                if emptyStatus == 204 { return Response(status: .noContent, headers: extraHeaders) }
                throw RESTError.noResults("no observations match the query")
            }
            let body = gzip ? try GzipEncoder().finish(rest) : rest
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        case .chunk(let chunk):
            stream.chunkWritten()
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    let encoder = gzip ? try GzipEncoder() : nil
                    do {
                        try await writer.write(encoder.map { try $0.compress(chunk) } ?? chunk)
                        for await event in stream.events {
                            switch event {
                            case .chunk(let next):
                                stream.chunkWritten()
                                try await writer.write(encoder.map { try $0.compress(next) } ?? next)
                            case .end(let rest, _):
                                try await writer.write(encoder.map { try $0.finish(rest) } ?? rest)
                                try await writer.finish(nil)
                                return
                            case .failure(let error):
                                throw error
                            }
                        }
                    } catch {
                        stream.cancel()
                        throw error
                    }
                    throw RESTError(code: 500, status: 500, "the answer stopped before its end")
                })
        }
    }

    /// Whether `Accept-Encoding` allows gzip (and does not refuse it with `q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.first == "gzip" || pieces.first == "x-gzip" else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }
}

extension AnswerStream.Event {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
