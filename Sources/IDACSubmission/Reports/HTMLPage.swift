/// A page in the style of the HTML report (its stylesheet, no script): what the portal's pages are
/// made of.
public enum HTMLPage {
    /// A whole page: `title` escaped (and followed by "— idac"), `body` inserted as it is, so it must be escaped
    /// markup.
    public static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — idac</title>
        <style>\(HTMLReportRenderer.style)
        form{margin:1rem 0}label{display:block;margin:.5rem 0 .2rem;font-weight:600}
        input[type=text],input[type=password],select{width:100%;max-width:32rem;padding:.35rem}
        button{margin-top:.8rem;padding:.45rem 1.1rem;font-weight:600}nav.top a{margin-right:1rem}
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Text for HTML: markup characters escaped, control characters shown.
    public static func escape(_ text: String) -> String {
        HTMLReportRenderer.escape(text)
    }
}
