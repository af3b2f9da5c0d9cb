import Dispatch

/// Tasks run side by side (the reading thread's core is idle by the end of a dataset), each into
/// its own output, the outputs returned in task order: what one thread running the tasks one after
/// the other would have given. The tasks may only read what they share.
public enum SideBySide {
    /// Runs `body(task, &output)` for tasks `0..<tasks` on the available cores, each into its own copy of `output`, and
    /// returns the outputs in task order once all have finished.
    public static func run<Output>(tasks: Int, output: Output, _ body: (Int, inout Output) -> Void) -> [Output] {
        var outputs = [Output](repeating: output, count: tasks)
        outputs.withUnsafeMutableBufferPointer { outputs in
            withoutActuallyEscaping(body) { body in
                let work = Work(body: body, outputs: outputs)
                DispatchQueue.concurrentPerform(iterations: tasks) { work.run($0) }
            }
        }
        return outputs
    }

    /// The body and the outputs, handed to the threads: each task writes only its own output.
    private struct Work<Output>: @unchecked Sendable {
        let body: (Int, inout Output) -> Void
        let outputs: UnsafeMutableBufferPointer<Output>

        func run(_ task: Int) { body(task, &outputs[task]) }
    }
}
