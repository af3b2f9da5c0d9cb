import SDMXModel
import Testing

@Suite struct ObservationRecordTests {
    func fill(_ record: ObservationRecord, _ values: [(String, String)]) {
        record.removeAll()
        for (offset, (id, value)) in values.enumerated() { record.append(id: id, value: value, column: offset + 1) }
    }

    /// The layout number tells a handler when to map positions to components again: only when the
    /// ids, position by position, or their number change.
    @Test func layoutChangesOnlyWithTheIDs() {
        let record = ObservationRecord()
        fill(record, [("TIME_PERIOD", "2024-Q1"), ("OBS_VALUE", "12")])
        let first = record.layout
        fill(record, [("TIME_PERIOD", "2024-Q2"), ("OBS_VALUE", "13")])
        #expect(record.layout == first, "same ids, other values")
        fill(record, [("TIME_PERIOD", "2024-Q3"), ("OBS_VALUE", "14"), ("OBS_STATUS", "A")])
        let third = record.layout
        #expect(third != first, "one more id")
        fill(record, [("TIME_PERIOD", "2024-Q3"), ("OBS_VALUE", "14")])
        #expect(record.layout != third, "one id fewer")
        fill(record, [("OBS_VALUE", "14"), ("TIME_PERIOD", "2024-Q3")])
        #expect(record.id(at: 0) == "OBS_VALUE" && record.id(at: 1) == "TIME_PERIOD")
    }

    /// A reader's fixed ids array is recognised without comparing its strings; ids set any other
    /// way in between make the next load compare (and restore) them.
    @Test func loadingTheSameIDsArrayKeepsTheLayoutUntilIDsChangeOtherwise() {
        let fields = ByteFields()
        for value in ["x", "Q", "2024-Q1", "12"] {
            var text = value
            text.withUTF8 { fields.append($0) }
        }
        let ids = ["FREQ", "TIME_PERIOD", "OBS_VALUE"]
        let record = ObservationRecord()
        record.load(ids: ids, fieldsOf: fields, 1..<4)
        let first = record.layout
        #expect(record.value(at: 1) == "2024-Q1" && record.column(at: 1) == 3 && record.id(at: 2) == "OBS_VALUE")
        record.load(ids: ids, fieldsOf: fields, 1..<4)
        #expect(record.layout == first)
        fill(record, [("FREQ", "Q"), ("REF_AREA", "KEN"), ("OBS_VALUE", "3")])
        let other = record.layout
        #expect(other != first && record.id(at: 1) == "REF_AREA")
        record.load(ids: ids, fieldsOf: fields, 1..<4)
        #expect(record.layout != other && record.id(at: 1) == "TIME_PERIOD" && record.value(at: 2) == "12")
    }

    /// A loaded record says which positions hold the bytes of the record loaded before it (and the
    /// batch hands that on): none after a record filled another way, or with other ids.
    @Test func loadingTellsWhichValuesAreUnchanged() {
        func fields(_ values: [String]) -> ByteFields {
            let fields = ByteFields()
            for value in values {
                var text = value
                text.withUTF8 { fields.append($0) }
            }
            return fields
        }
        let ids = ["FREQ", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"]
        let record = ObservationRecord()
        record.load(ids: ids, fieldsOf: fields(["x", "Q", "2024-Q1", "12", "A"]), 1..<5)
        #expect(record.unchanged == 0, "nothing to compare with")
        record.load(ids: ids, fieldsOf: fields(["x", "Q", "2024-Q2", "12", "AB"]), 1..<5)
        #expect(record.unchanged == 0b0101, "FREQ and OBS_VALUE repeat; the period and a longer status do not")
        let batch = ObservationBatch()
        batch.append(record)
        let lent = ObservationRecord()
        batch.load(0, into: lent)
        #expect(lent.unchanged == 0b0101 && lent.value(at: 3) == "AB")
        record.load(
            ids: ["FREQ", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT"], fieldsOf: fields(["Q", "2024-Q2", "12", "AB"]),
            0..<4)
        #expect(record.unchanged == 0, "other ids")
        fill(record, [("FREQ", "Q"), ("TIME_PERIOD", "2024-Q2"), ("OBS_VALUE", "12"), ("UNIT_MULT", "AB")])
        #expect(record.unchanged == 0)
        record.load(
            ids: ["FREQ", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT"], fieldsOf: fields(["Q", "2024-Q2", "12", "AB"]),
            0..<4)
        #expect(record.unchanged == 0, "the record before was not loaded")
        record.load(
            ids: ["FREQ", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT"], fieldsOf: fields(["Q", "2024-Q2", "13", "AB"]),
            0..<4)
        #expect(record.unchanged == 0b1011)
    }

    /// Positions that changed on every one of the first loads (a file's period and measure) are no
    /// longer compared: learnt from the data, so no reader names them. Others still are.
    @Test func positionsThatAlwaysChangeAreLearntAndNoLongerCompared() {
        let ids = ["FREQ", "TIME_PERIOD", "OBS_VALUE"]
        let record = ObservationRecord()
        record.useIDs(ids)
        let learning = ObservationRecord.volatileLearningLoads
        for index in 0...(learning + 2) {
            let fields = ByteFields()
            for value in ["x", "Q", "2024-\(index)", index > learning ? "12" : "\(index)"] {
                var text = value
                text.withUTF8 { fields.append($0) }
            }
            record.load(fieldsOf: fields, 1..<4)
            if index == 0 {
                #expect(record.unchanged == 0, "nothing to compare with")
            } else if index <= learning {
                #expect(record.unchanged == 0b001, "only FREQ repeats while learning")
            } else {
                #expect(record.unchanged == 0b001, "OBS_VALUE repeats, but it was learnt to change every time")
            }
        }
        // New ids start the learning again: OBS_VALUE's repeat is seen.
        let fields = ByteFields()
        for value in ["x", "Q", "2024-99", "12"] {
            var text = value
            text.withUTF8 { fields.append($0) }
        }
        record.load(ids: ["FREQ", "TIME_PERIOD", "VALUE"], fieldsOf: fields, 1..<4)
        record.load(fieldsOf: fields, 1..<4)
        #expect(record.unchanged == 0b111)
    }

    @Test func idsGivenAsBytesAreMadeIntoTextOnChange() {
        let record = ObservationRecord()
        func add(_ id: String, _ value: String) {
            var id = id, value = value
            id.withUTF8 { idBytes in value.withUTF8 { record.append(idBytes: idBytes, bytes: $0, column: 7) } }
        }
        add("SEX", "F")
        add("AGE", "Y0T17")
        let first = record.layout
        record.removeAll()
        add("SEX", "M")
        add("AGE", "Y0T4")
        #expect(record.layout == first)
        #expect(
            record.componentValues == [
                ComponentValue(id: "SEX", value: "M", column: 7), ComponentValue(id: "AGE", value: "Y0T4", column: 7),
            ])
        record.removeAll()
        add("SEX", "M")
        add("AGES", "Y0T4")
        #expect(record.layout != first && record.id(at: 1) == "AGES")
    }

    /// Values longer than the first buffer, many values, empty values and text beyond ASCII come back as given.
    @Test func valuesComeBackAsGiven() {
        let record = ObservationRecord()
        let long = String(repeating: "é", count: 3_000)
        let values = [("A", ""), ("B", long), ("C", "x")] + (0..<200).map { ("V\($0)", String($0)) }
        fill(record, values)
        #expect(record.count == values.count)
        #expect(record.componentValues.map(\.value) == values.map(\.1))
        #expect(
            record.withBytes(at: 1, \.count) == long.utf8.count && record.value(at: 0).isEmpty
                && record.column(at: 2) == 3)
        record.set([ComponentValue(id: "Z", value: "1", column: 4)])
        #expect(record.count == 1 && record.value(at: 0) == "1" && record.column(at: 0) == 4)
    }

    /// A batch gives back every record's values and columns as appended, whether the columns were
    /// shared with the record before (same record and columns, or equal numbers) or copied.
    @Test func batchKeepsEachRecordsColumns() {
        let fields = ByteFields()
        for value in ["x", "Q", "2024-Q1", "12", "A"] {
            var text = value
            text.withUTF8 { fields.append($0) }
        }
        let loaded = ObservationRecord(), built = ObservationRecord()
        loaded.useIDs(["FREQ", "TIME_PERIOD", "OBS_VALUE"])
        let batch = ObservationBatch()
        var expected: [[ComponentValue]] = []
        func add(_ record: ObservationRecord) {
            batch.append(record)
            expected.append(record.componentValues)
        }
        loaded.load(fieldsOf: fields, 1..<4)
        add(loaded)
        loaded.load(fieldsOf: fields, 1..<4)
        add(loaded)  // same record, same columns: shared
        loaded.load(fieldsOf: fields, 2..<5)
        add(loaded)  // other fields, other columns: copied
        fill(built, [("FREQ", "Q"), ("TIME_PERIOD", "2024-Q2"), ("OBS_VALUE", "13")])
        add(built)  // another record, other columns
        fill(built, [("FREQ", "Q"), ("TIME_PERIOD", "2024-Q3"), ("OBS_VALUE", "14")])
        add(built)  // the same numbers again, written anew: shared by comparison
        built.removeAll()
        built.append(id: "FREQ", value: "Q", column: 9)
        built.append(id: "TIME_PERIOD", value: "2024-Q4", column: 2)
        built.append(id: "OBS_VALUE", value: "15", column: 3)
        add(built)  // one column differs
        let lent = ObservationRecord()
        for index in expected.indices {
            batch.load(index, into: lent)
            #expect(lent.componentValues == expected[index], "record \(index)")
        }
        #expect(expected[2].map(\.column) == [3, 4, 5] && expected[5].map(\.column) == [9, 2, 3])
    }
}
