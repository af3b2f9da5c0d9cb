import Testing

@testable import AllianceRepository

/// The attributes stored with each observation read back as they were written, by the direct reader for
/// the common form and by Foundation's JSON reader for the rest.
@Suite struct StoredAttributesTests {
    @Test(
        arguments: [
            [:],
            ["OBS_STATUS": "A"],
            ["OBS_STATUS": "P", "UNIT_MULT": "0", "DATA_SOURCE": "Refugee Affairs Secretariat, registration database"],
            ["OBS_FOOTNOTE": "says \"provisional\"", "NOTE": "a\\b", "LINES": "one\ntwo", "EMPTY": "{}:,"],
            ["ÉTAT": "données, « provisoires »"],
        ] as [[String: String]])
    func attributesRoundTrip(_ attributes: [String: String]) {
        let encoded = ObservationStore.encode(attributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        #expect(ObservationStore.decode(encoded) == attributes.filter { !$0.value.isEmpty })
    }

    @Test func theDirectReaderLeavesWhatItDoesNotKnowToJSON() {
        #expect(ObservationStore.decodePlain(#"{"A":"x\"y"}"#) == nil)
        #expect(ObservationStore.decodePlain(#"{"A":1}"#) == nil)
        #expect(ObservationStore.decodePlain(#"["A"]"#) == nil)
        #expect(ObservationStore.decodePlain(#"{"A":"x","B":"y"}"#) == ["A": "x", "B": "y"])
    }
}
