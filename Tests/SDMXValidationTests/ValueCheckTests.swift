import AllianceSchemas
import SDMXModel
@testable import SDMXValidation
import SDMXXML
import Testing

@Suite struct TextFormatCheckerTests {
    @Test func checksTypes() {
        let decimal = TextFormatChecker(format: TextFormat(textType: .decimal))
        #expect(decimal.problem(with: "1234.5") == nil)
        #expect(decimal.problem(with: "-3") == nil)
        #expect(decimal.problem(with: "1,234") != nil)
        #expect(decimal.problem(with: "12 3") != nil)
        #expect(decimal.problem(with: "1.2.3") != nil)
        let integer = TextFormatChecker(format: TextFormat(textType: .integer))
        #expect(integer.problem(with: "42") == nil)
        #expect(integer.problem(with: "4.2") != nil)
        let double = TextFormatChecker(format: TextFormat(textType: .double))
        #expect(double.problem(with: "1.5E3") == nil)
        #expect(double.problem(with: "1e-400") == nil)
        // Not finite: never a figure to store or add up.
        for value in ["NaN", "INF", "-INF", "1e400", "-1E309"] {
            #expect(double.problem(with: value) != nil, "\(value)")
        }
        let huge = "1" + String(repeating: "0", count: 400)
        #expect(decimal.problem(with: huge)?.contains("too large") == true)
        #expect(decimal.problem(with: "1" + String(repeating: "0", count: 300)) == nil)
        #expect(!Array(huge.utf8).withUnsafeBufferPointer { decimal.surelyAccepts($0) })
        #expect(double.problem(with: "n/a") != nil)
        let year = TextFormatChecker(format: TextFormat(textType: .gregorianYear))
        #expect(year.problem(with: "2024") == nil)
        #expect(year.problem(with: "2024-Q1") != nil)
    }

    @Test func checksFacets() {
        let text = TextFormatChecker(
            format: TextFormat(textType: .string, minLength: 2, maxLength: 5, pattern: "[A-Z]+"))
        #expect(text.problem(with: "ABC") == nil)
        #expect(text.problem(with: "A")?.contains("shorter") == true)
        #expect(text.problem(with: "ABCDEF")?.contains("longer") == true)
        #expect(text.problem(with: "abc")?.contains("pattern") == true)
        let bounded = TextFormatChecker(format: TextFormat(textType: .decimal, minValue: 0, maxValue: 100, decimals: 1))
        #expect(bounded.problem(with: "99.5") == nil)
        #expect(bounded.problem(with: "-1")?.contains("minimum") == true)
        #expect(bounded.problem(with: "101")?.contains("maximum") == true)
        #expect(bounded.problem(with: "1.25")?.contains("decimals") == true)
    }
}

@Suite struct CodeSuggesterTests {
    static let areas: Codelist = Codelist(
        info: MaintainableInfo(
            reference: ArtefactReference(kind: .codelist, agencyID: "IDAC", id: "CL_AREA", version: "1.0"),
            name: "Areas"),
        codes: [
            Code(id: "KEN", name: "Kenya"), Code(id: "UGA", name: "Uganda"), Code(id: "TZA", name: "Tanzania"),
            Code(id: "SOM", name: "Somalia"),
        ])

    @Test func suggestsTheLikelyCode() {
        #expect(CodeSuggester.suggestions(for: "KE", in: Self.areas) == ["KEN"])
        #expect(CodeSuggester.suggestions(for: "ken", in: Self.areas) == ["KEN"])
        #expect(CodeSuggester.suggestions(for: "Uganda", in: Self.areas) == ["UGA"])
        #expect(CodeSuggester.suggestions(for: "SMO", in: Self.areas).first == "SOM")
        #expect(CodeSuggester.suggestions(for: "XYZW", in: Self.areas).isEmpty)
    }

    /// The index gives what the scan of every code gives, on the Alliance's code lists (with a few
    /// odd codes added) and values mistyped every way: cases, names, prefixes, one and two edits.
    @Test func theIndexSuggestsWhatTheScanSuggests() throws {
        var generator = SystemRandomNumberGenerator()
        var checked = 0, suggested = 0, indexed = 0
        for file in EmbeddedSchemas.files where file.name.hasSuffix(".xml") {
            let message = try StructureMessageReader().read(bytes: Array(file.contents.utf8), source: file.name)
            for list in message.codelists {
                let odd = [
                    Code(id: "Ké1", name: "Kelvin"), Code(id: "\u{212A}EN", name: "Kelvin sign"),
                    Code(id: list.codes.first?.id ?? "X", name: "Twice"), Code(id: "a\r\nb", name: "Lines"),
                ]
                for codelist in [list, Codelist(info: list.info, codes: list.codes + odd)] {
                    let codes = CodeSet(codelist)
                    // The edits are tried on lists of short ids (codes of areas, sexes, ages): two
                    // edits from a long id are millions of strings, too slow in a debug build.
                    let longest = codelist.codes.map(\.id.utf8.count).max() ?? 0
                    let index = longest <= 5 ? CodeSuggestionIndex(codelist, alwaysEdits: true) : nil
                    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-é")
                    var values = ["", "K", "KEN", "kenya", "Ké", "KÉ1", "\u{212A}", "a\r\nb", "ZZZZZZZZZZZZ"]
                    for code in codelist.codes {
                        let id = Array(code.id)
                        values += [code.id.lowercased(), code.name, code.name.uppercased(), String(id.prefix(2))]
                        for _ in 0..<3 {
                            var typo = id
                            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                                let at = Int.random(in: 0...typo.count, using: &generator)
                                switch Int.random(in: 0..<4, using: &generator) {
                                case 0 where at < typo.count: typo.remove(at: at)
                                case 1 where at + 1 < typo.count: typo.swapAt(at, at + 1)
                                case 2 where at < typo.count:
                                    typo[at] = alphabet.randomElement(using: &generator) ?? "A"
                                default: typo.insert(alphabet.randomElement(using: &generator) ?? "A", at: at)
                                }
                            }
                            values.append(String(typo))
                        }
                    }
                    for value in values {
                        let expected = CodeSuggester.suggestions(for: value, in: codelist)
                        #expect(codes.suggestions(for: value) == expected, "\(value) in \(codelist.reference)")
                        #expect(codes.suggestions(for: value) == expected, "\(value) again, from the memo")
                        if let index {
                            indexed += 1
                            #expect(index.suggestions(for: value) == expected, "\(value) by edits")
                            let allowed = { (code: String) in !code.hasSuffix("A") }
                            #expect(
                                index.suggestions(for: value, allowed: allowed)
                                    == CodeSuggester.suggestions(for: value, in: codelist, allowed: allowed),
                                "\(value) by edits, codes ending in A left out")
                        }
                        checked += 1
                        if !expected.isEmpty { suggested += 1 }
                    }
                }
            }
        }
        #expect(checked > 2000 && suggested > checked / 2, "\(suggested) of \(checked) values had suggestions")
        #expect(indexed > 1000, "\(indexed) values went through the edits")
    }
}

/// Feeds the validator events directly, as a reader would, against the Alliance's structures.
@Suite struct DataValidatorTests {
    static func catalog() throws -> StructureCatalog {
        var catalog = StructureCatalog()
        for file in EmbeddedSchemas.files where file.name.hasSuffix(".xml") {
            try catalog.add(StructureMessageReader().read(bytes: Array(file.contents.utf8), source: file.name))
        }
        return catalog
    }

    static let dataflow = ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0")

    func observation(_ overrides: [String: String] = [:]) -> [ComponentValue] {
        var values = [
            "FREQ": "A", "REF_AREA": "KEN", "INDICATOR": "MG_RETURNED", "COUNTRY_ORIGIN": "_T", "SEX": "_T",
            "AGE": "Y0T17", "ACCOMPANIMENT": "_T", "TIME_PERIOD": "2024", "OBS_VALUE": "10", "OBS_STATUS": "A",
            "UNIT_MEASURE": "PS", "UNIT_MULT": "0",
        ]
        for (key, value) in overrides { values[key] = value }
        return values.sorted { $0.key < $1.key }.enumerated().map {
            ComponentValue(id: $0.element.key, value: $0.element.value, column: $0.offset + 1)
        }
    }

    @Test func findsEachFaultOnlyWhereItIs() throws {
        let validator = DataValidator(catalog: try Self.catalog())
        try validator.startDataSet(
            DataSetStart(structure: Self.dataflow, action: nil, values: [], position: DataPosition(line: 1, column: 1)))
        try validator.observation(values: observation(), at: DataPosition(line: 2, column: 1))
        try validator.observation(
            values: observation(["SEX": "X", "TIME_PERIOD": "2025"]), at: DataPosition(line: 3, column: 1))
        try validator.observation(values: observation(["TIME_PERIOD": "2026-Q1"]), at: DataPosition(line: 4, column: 1))
        try validator.observation(
            values: observation(["TIME_PERIOD": "2027", "OBS_VALUE": "ten"]), at: DataPosition(line: 5, column: 1))
        try validator.observation(
            values: observation(["TIME_PERIOD": "2028", "OBS_STATUS": ""]), at: DataPosition(line: 6, column: 1))
        try validator.observation(values: observation(), at: DataPosition(line: 7, column: 1))
        try validator.observation(values: observation(["OBS_VALUE": "11"]), at: DataPosition(line: 8, column: 1))
        try validator.endDataSet()
        let found = validator.collector.sortedFindings.map { "\($0.code.rawValue)@\($0.line)/\($0.severity.rawValue)" }
        #expect(
            found == [
                "INVALID_CODE@3/error", "INVALID_TIME_PERIOD@4/error", "INVALID_VALUE@5/error",
                "MISSING_ATTRIBUTE@6/error",
                "DUPLICATE_OBSERVATION@7/warning", "DUPLICATE_OBSERVATION@8/error",
            ])
        #expect(validator.counts.observations == 7)
        #expect(validator.seriesCount == 2)
    }

    /// Observations handed over by two records whose ids come in other orders (one reader's record,
    /// and text made into the validator's own) are each placed by their own ids.
    @Test func recordsOfSeveralSourcesArePlacedByTheirOwnIDs() throws {
        let validator = DataValidator(catalog: try Self.catalog())
        try validator.startDataSet(
            DataSetStart(structure: Self.dataflow, action: nil, values: [], position: DataPosition(line: 1, column: 1)))
        let record = ObservationRecord()
        for (number, year) in ["2020", "2021", "2022", "2023"].enumerated() {
            var values = observation(["TIME_PERIOD": year])
            if number % 2 == 0 {
                record.set(values.reversed())
                try validator.observation(record, at: DataPosition(line: number + 2, column: 1))
            } else {
                values.sort { $0.id < $1.id }
                try validator.observation(values: values, at: DataPosition(line: number + 2, column: 1))
            }
        }
        try validator.endDataSet()
        #expect(validator.collector.sortedFindings.isEmpty, "\(validator.collector.sortedFindings.map(\.message))")
        #expect(validator.counts.observations == 4 && validator.seriesCount == 1)
    }

    @Test func findsRepeatsFarApartWithoutKeepingEveryObservation() throws {
        // Only 16 recent observations are kept, so the first is long forgotten at the end.
        let validator = DataValidator(catalog: try Self.catalog(), recentObservationsLog2: 4)
        try validator.startDataSet(
            DataSetStart(structure: Self.dataflow, action: nil, values: [], position: DataPosition(line: 1, column: 1)))
        try validator.observation(values: observation(), at: DataPosition(line: 2, column: 1))
        try validator.observation(values: observation(), at: DataPosition(line: 3, column: 1))
        try validator.observation(values: observation(), at: DataPosition(line: 4, column: 1))
        // 1 000 other observations.
        var line = 5
        for origin in ["AFG", "ALB", "DZA", "AGO"] {
            for sex in ["F", "M", "_O", "_U", "_T"] {
                for age in ["Y0T4", "Y5T9", "Y10T14", "Y15T17", "Y5T11"] {
                    for accompaniment in ["UNACC", "_T"] {
                        for year in 1980..<1985 {
                            try validator.observation(
                                values: observation([
                                    "COUNTRY_ORIGIN": origin, "SEX": sex, "AGE": age,
                                    "ACCOMPANIMENT": accompaniment, "TIME_PERIOD": String(year),
                                ]),
                                at: DataPosition(line: line, column: 1))
                            line += 1
                        }
                    }
                }
            }
        }
        try validator.observation(values: observation(), at: DataPosition(line: line, column: 1))
        let duplicates = validator.collector.sortedFindings.filter { $0.code == .duplicateObservation }
        #expect(duplicates.map(\.line) == [3, 4, line])
        #expect(duplicates.map(\.severity) == [.warning, .warning, .error])
        #expect(duplicates[1].message.contains("first on line 2"))
        #expect(duplicates[2].message.contains("much earlier"))
        #expect(validator.collector.errors == 1)
    }

    @Test func reportsAMissingSeriesDimensionOncePerSeries() throws {
        let validator = DataValidator(catalog: try Self.catalog())
        try validator.startDataSet(
            DataSetStart(structure: Self.dataflow, action: nil, values: [], position: DataPosition(line: 1, column: 1)))
        let series = observation().filter { !["TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "SEX"].contains($0.id) }
        try validator.startSeries(values: series, at: DataPosition(line: 2, column: 3))
        for (offset, year) in ["2020", "2021", "2022"].enumerated() {
            try validator.observation(
                values: [
                    ComponentValue(id: "TIME_PERIOD", value: year), ComponentValue(id: "OBS_VALUE", value: "1"),
                    ComponentValue(id: "OBS_STATUS", value: "A"),
                ],
                at: DataPosition(line: 3 + offset, column: 5))
        }
        try validator.endSeries()
        let findings = validator.collector.sortedFindings
        #expect(findings.map(\.code) == [.missingDimension])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.component == "SEX")
    }
}
