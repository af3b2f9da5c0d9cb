@testable import SDMXValidation
import Testing

@Suite struct DecimalReadingTests {
    /// The fast reading of decimals gives exactly what `Double(text)` gives, bit for bit, on numbers
    /// of every length (beyond 15 digits it hands over to `Double(text)`) and on text that is no number;
    /// nothing for a number beyond a Double's range.
    @Test func readsNumbersAsTheStandardLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0", "-0", "+0", "12", "-12", "+7", "3.50", ".5", "5.", ".", "-", "+", "", "1e5", "NaN", "inf", "1.2.3",
            "12a",
            "0.1", "0.2", "0.3", "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000000000001",
            "00000000000000000000012.5", "1.7976931348623157", "-0.0000", "٣", "1e400", "-1e400", "1e-400",
            "1" + String(repeating: "0", count: 400), "infinity", "-nan",
        ]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &generator)
            for position in 0..<digits {
                if position == point, Bool.random(using: &generator) { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            texts.append(text)
        }
        for text in texts {
            // Not finite: nil, never infinity or NaN.
            let expected = Double(text).flatMap { $0.isFinite ? $0 : nil }
            let read = DecimalText.value(of: text)
            #expect(
                read?.bitPattern == expected?.bitPattern,
                "'\(text)': \(String(describing: read)) against \(String(describing: expected))")
        }
        #expect(
            DecimalText.isDecimal("-3.5") && DecimalText.isDecimal(".5") && !DecimalText.isDecimal("1.2.3")
                && !DecimalText.isDecimal("-"))
        #expect(
            DecimalText.isInteger("+12") && !DecimalText.isInteger("1.0") && !DecimalText.isInteger("-")
                && !DecimalText.isInteger(""))
    }
}
