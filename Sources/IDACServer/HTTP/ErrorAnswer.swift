import Hummingbird
import IDACPipeline
import IDACSubmission
import SDMXREST

/// A failed request's answer: an SDMX-ML 2.1 error message with the SDMX error code, under the HTTP
/// status the specification maps it to.
enum ErrorAnswer {
    static func response(_ error: RESTError) -> Response {
        let body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<message:Error xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
            + "xmlns:common=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n"
            + "<message:ErrorMessage code=\"\(error.code)\"><common:Text xml:lang=\"en\">"
            + printable(error.message).xmlAttribute + "</common:Text></message:ErrorMessage>\n</message:Error>\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        headers[.vary] = "Accept, Accept-Encoding"
        if error.status == 503 { headers[.retryAfter] = "1" }
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// The message as XML can carry it (messages quote the client's query: control characters, which XML
    /// 1.0 cannot hold even escaped, become `?`) and at most 1000 characters long.
    static func printable(_ message: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in message.unicodeScalars.prefix(1000) {
            let allowed =
                scalar == "\t" || scalar == "\n" || scalar == "\r"
                || (scalar.value >= 0x20 && scalar.value != 0xFFFE
                    && scalar.value != 0xFFFF)
            out.append(allowed ? scalar : "?")
        }
        return String(out) + (message.unicodeScalars.count > 1000 ? "…" : "")
    }
}
