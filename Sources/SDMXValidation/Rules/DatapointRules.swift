import SDMXModel
import VTLRules

/// What gives the datapoint rules a slot's value (the validator's slots, through the rule checker).
/// A protocol rather than a closure: ``DatapointRules/run(changed:reader:)`` is specialised for its
/// one conformer and takes no closure context, whose captured references are counted per observation.
protocol SlotValueReader {
    func value(ofSlot slot: Int) -> VTLValue
}

/// The datapoint rules of the rulesets that fit a structure, compiled against the structure's
/// slots, run on each observation.
///
/// Most of what the rules read is the same from one observation to the next (the unit, the status:
/// only the measure changes), so the values are kept per slot between observations and read again
/// only when their slot changed (``SlotChanges`` masks), and each rule's condition and check
/// remember their last result and run again only when a slot they read changed. The values live
/// in one buffer that the rules read in place: an observation copies no array and counts no
/// references. Numbers are kept a second time as plain numbers, with masks of the slots that hold
/// one and of those that are null, for the rules that are numeric tests (most of them).
final class DatapointRules {
    /// One rule compiled, with what it remembers of its last run.
    struct CompiledRule {
        /// The rule's ruleset (its place in ``rulesets``) and its place among the ruleset's rules.
        let ruleset: Int
        let rule: Int
        /// Unretained (``programs`` keeps them): running a rule counts no references.
        let condition: Unretained<VTLProgram>?
        let check: Unretained<VTLProgram>
        let conditionMask: UInt64
        let checkMask: UInt64
        /// The condition and check as numeric tests, when they are ones: run without the evaluator
        /// while their variables hold numbers.
        let conditionTest: VTLProgram.NumericTest?
        let checkTest: VTLProgram.NumericTest?
        /// Whether the condition's last result holds, and is known for the current inputs.
        var conditionHolds = false
        var conditionKnown = false
        /// Whether the check ran on the current inputs and passed.
        var checkPassed = false
    }

    /// The rulesets, with the slot of each of their variables (in the ruleset's order).
    let rulesets: [(ruleset: DatapointRuleset, slots: [Int])]
    private var rules: [CompiledRule]
    /// The rules' programs, kept alive here for ``CompiledRule``'s unowned references.
    private let programs: [VTLProgram]
    /// The slots the rules read (and those a caller asked to have read too), in slot order.
    private let inputSlots: [Int]
    private let inputMask: UInt64
    /// Whether every input slot has a bit in the masks (is below 64): the changed ones are then
    /// found from the mask.
    private let inputsHaveBits: Bool
    /// Per slot, its value as of the last observation (only input slots are ever read).
    private let values: FixedBuffer<VTLValue>
    private let slotCount: Int
    /// Per slot below 64, its number while it holds one (bit set in `numberMask`); the slots
    /// holding null (all others but strings and booleans) in `nullMask`.
    private let numbers = FixedBuffer<Double>(repeating: 0, count: 64)
    private var numberMask: UInt64 = 0
    private var nullMask: UInt64 = ~0
    /// Whether every rule passed on the last observation.
    private var passedLast = false
    /// The rules that failed on the last observation: their places in `rules`.
    private(set) var failures: [Int] = []

    /// - Parameter extraSlots: slots to read on every observation besides those the rules name
    ///   (the measure, for the rules across observations: ``value(ofSlot:)``).
    init(rulesets: [(ruleset: DatapointRuleset, slots: [Int])], slotCount: Int, extraSlots: [Int]) {
        self.rulesets = rulesets
        self.slotCount = slotCount
        var compiled: [CompiledRule] = []
        var programs: [VTLProgram] = []
        for (number, bound) in rulesets.enumerated() {
            let aliases = bound.ruleset.variables.map(\.alias)
            let position: (String) -> Int? = { alias in aliases.firstIndex(of: alias).map { bound.slots[$0] } }
            for (place, rule) in bound.ruleset.rules.enumerated() {
                let condition = rule.condition.map { VTLProgram($0, position: position) }
                let check = VTLProgram(rule.check, position: position)
                programs += [condition, check].compactMap { $0 }
                compiled.append(
                    CompiledRule(
                        ruleset: number, rule: place, condition: condition.map(Unretained.init(keptElsewhere:)),
                        check: Unretained(keptElsewhere: check),
                        conditionMask: condition.map { SlotChanges.mask($0.variables) } ?? 0,
                        checkMask: SlotChanges.mask(check.variables),
                        conditionTest: condition?.numericTest, checkTest: check.numericTest))
            }
        }
        rules = compiled
        self.programs = programs
        inputSlots = Set(rulesets.flatMap(\.slots) + extraSlots).sorted()
        inputMask = SlotChanges.mask(inputSlots)
        inputsHaveBits = inputSlots.allSatisfy { $0 < 64 }
        values = FixedBuffer(repeating: .null, count: max(1, slotCount))
    }

    /// Keeps a slot's new value, and its number and null masks.
    @inline(__always)
    private func set(_ value: VTLValue, slot: Int) {
        if slot < 64 {
            let bit: UInt64 = 1 << UInt64(slot)
            switch value {
            case .number(let number):
                numbers[slot] = number
                numberMask |= bit
                nullMask &= ~bit
            case .null:
                numberMask &= ~bit
                nullMask |= bit
            default:
                numberMask &= ~bit
                nullMask &= ~bit
            }
        }
        values[slot] = value
    }

    var isEmpty: Bool { rules.isEmpty }

    /// Reads the input slots that changed (`reader` gives a slot's value) and runs the rules whose
    /// inputs changed, or that failed last time (to report them again); whether any failed
    /// (``failures``).
    func run<Reader: SlotValueReader>(changed: UInt64, reader: Reader) -> Bool {
        if changed & inputMask == 0, passedLast { return false }
        if inputsHaveBits {
            var pending = changed & inputMask
            while pending != 0 {
                let slot = pending.trailingZeroBitCount
                pending &= pending &- 1
                set(reader.value(ofSlot: slot), slot: slot)
            }
        } else {
            for slot in inputSlots where SlotChanges.changed(slot, in: changed) {
                set(reader.value(ofSlot: slot), slot: slot)
            }
        }
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
        let (numberMask, nullMask) = (self.numberMask, self.nullMask)
        values.withBuffer { values in
            numbers.withBaseAddress { numbers in
                @inline(__always) func decide(_ test: VTLProgram.NumericTest?) -> Bool? {
                    test?.evaluate(numbers: numbers, numberMask: numberMask, nullMask: nullMask)
                }
                rules.withUnsafeMutableBufferPointer { rules in
                    for position in rules.indices {
                        if let condition = rules[position].condition {
                            if changed & rules[position].conditionMask != 0 || !rules[position].conditionKnown {
                                rules[position].conditionHolds =
                                    decide(rules[position].conditionTest)
                                    ?? condition.withObject { VTLEvaluator.evaluate($0, values: values) }.isTrue
                                rules[position].conditionKnown = true
                            }
                            guard rules[position].conditionHolds else {
                                rules[position].checkPassed = false  // not run on these inputs
                                continue
                            }
                        }
                        if changed & rules[position].checkMask == 0, rules[position].checkPassed { continue }
                        let passed =
                            decide(rules[position].checkTest)
                            ?? !rules[position].check.withObject { VTLEvaluator.evaluate($0, values: values) }
                            .isFalse
                        rules[position].checkPassed = passed
                        if !passed { failures.append(position) }
                    }
                }
            }
        }
        passedLast = failures.isEmpty
        return !passedLast
    }

    /// A slot's value as of the last run (an input slot's; null for others).
    func value(ofSlot slot: Int) -> VTLValue { values[slot] }

    /// A failed rule's ruleset (its place in ``rulesets``) and the rule itself.
    func failure(_ position: Int) -> (ruleset: Int, rule: DatapointRuleset.Rule) {
        let compiled = rules[position]
        return (compiled.ruleset, rulesets[compiled.ruleset].ruleset.rules[compiled.rule])
    }
}
