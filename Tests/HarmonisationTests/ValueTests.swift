import Harmonisation
import Testing

@Suite struct DecimalArithmeticTests {
    @Test func shiftsExactly() {
        #expect(DecimalArithmetic.shift("12.4", by: 3) == "12400")
        #expect(DecimalArithmetic.shift("0.0015", by: 6) == "1500")
        #expect(DecimalArithmetic.shift("-3", by: 6) == "-3000000")
        #expect(DecimalArithmetic.shift("1.23456789", by: 3) == "1234.56789")
        #expect(DecimalArithmetic.shift("12,4", by: 3) == nil)
    }

    @Test func sumsExactly() {
        #expect(DecimalArithmetic.sum(["0.1", "0.2"]) == "0.3")
        #expect(DecimalArithmetic.sum(["999", "1"]) == "1000")
        #expect(DecimalArithmetic.sum(["12.5", "7.25", "0.25"]) == "20")
        #expect(DecimalArithmetic.sum(["5", "-7"]) == "-2")
        #expect(DecimalArithmetic.sum(["1", "x"]) == nil)
    }
}

@Suite struct AgeBandTests {
    @Test func readsEveryAgencysForm() {
        #expect(AgeBand(code: "Y0T4") == AgeBand(lower: 0, upper: 4))
        #expect(AgeBand(code: "Y_LT18") == AgeBand(lower: 0, upper: 17))
        #expect(AgeBand(code: "Y14-17") == AgeBand(lower: 14, upper: 17))
        #expect(AgeBand(code: "Y_GE18") == AgeBand(lower: 18, upper: AgeBand.open))
        #expect(AgeBand(code: "12-17") == AgeBand(lower: 12, upper: 17))
        #expect(AgeBand(code: "18+") == AgeBand(lower: 18, upper: AgeBand.open))
        #expect(AgeBand(code: "Y_LT1") == AgeBand(lower: 0, upper: 0))
        #expect(AgeBand(code: "_T") == nil)
    }
}

@Suite struct HarmonisationMapsTests {
    @Test func mapsAreasFromAlpha2AndM49() throws {
        let maps = try HarmonisationMaps.embedded()
        #expect(maps.area("KE") == "KEN")
        #expect(maps.area("tj") == "TJK")
        #expect(maps.area("404") == "KEN")
        #expect(maps.area("004") == "AFG")
        #expect(maps.area("4") == "AFG")
        #expect(maps.area("KEN") == nil, "alpha-3 needs no mapping")
        #expect(maps.ageBands.target(for: "Y_LT18") == "Y0T17")
    }

    @Test func brokenMapsAreClearErrors() {
        #expect(throws: HarmonisationError.self) { try CodeMap(csv: "source,target\nKE;KEN\n", name: "areas.csv") }
    }
}
