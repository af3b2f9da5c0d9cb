import Hummingbird
import IDACPipeline
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
            + error.message.xmlAttribute + "</common:Text></message:ErrorMessage>\n</message:Error>\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        headers[.vary] = "Accept, Accept-Encoding"
        if error.status == 503 { headers[.retryAfter] = "1" }
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
