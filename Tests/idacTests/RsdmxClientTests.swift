import Foundation
import TestSupport
import Testing

/// R's rsdmx, used as its documentation shows for a provider it does not know: the service added with
/// `addSDMXServiceProvider` and an SDMX 2.1 REST request builder, then `readSDMX` by provider, resource, flow,
/// key and periods. rsdmx builds its own paths (`/dataflow/all/all/latest/`, `…/all/?startPeriod=…`, a
/// trailing `/`), which is what this checks beside sdmx1 and pysdmx.
@Suite(.serialized) struct RsdmxClientTests {
    @Test(.requires(.rsdmx)) func rsdmxListsFlowsReadsTheStructureAndFetchesData() throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            suppressMessages(library(rsdmx))
            base <- paste0(commandArgs(trailingOnly = TRUE)[1], "/rest")
            addSDMXServiceProvider(SDMXServiceProvider(agencyId = "IDAC", name = "Alliance",
              builder = SDMXREST21RequestBuilder(regUrl = base, repoUrl = base, compliant = TRUE)))
            flows <- as.data.frame(readSDMX(providerId = "IDAC", resource = "dataflow", verbose = FALSE))
            cat(sort(flows$id), "\\n")
            dsd <- readSDMX(providerId = "IDAC", resource = "datastructure", resourceId = "DSD_CHILD_MIGRATION",
              version = "1.0", references = "children", verbose = FALSE)
            dimensions <- slot(slot(slot(slot(dsd, "datastructures"), "datastructures")[[1]], "Components"), "Dimensions")
            cat(length(dimensions), length(slot(slot(dsd, "codelists"), "codelists")), "\\n")
            data <- as.data.frame(readSDMX(providerId = "IDAC", resource = "data",
              flowRef = "IDAC,DF_CHILD_MIGRATION,1.0", key = "Q.KEN.....", verbose = FALSE))
            cat(nrow(data), length(unique(data$TIME_PERIOD)), "\\n")
            data <- as.data.frame(readSDMX(providerId = "IDAC", resource = "data",
              flowRef = "DF_CHILD_MIGRATION", key = "Q.KEN.....", start = "2024-Q2", verbose = FALSE))
            cat(nrow(data), min(data$TIME_PERIOD), "\\n")
            missing <- tryCatch(readSDMX(providerId = "IDAC", resource = "data", flowRef = "DF_NO_SUCH_FLOW",
              verbose = FALSE), error = function(e) conditionMessage(e))
            cat(grepl("404", missing), "\\n")
            """
        let (printed, said) = try RScript.runWithErrors(script, arguments: [service.baseURL])
        // rsdmx keeps TIME_PERIOD apart from the 7 key dimensions (sdmx1 counts 8).
        let lines = printed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(
            lines == ["DF_CHILD_MIGRATION DF_CHILDREN_LEFT_BEHIND", "7 10", "16 4", "12 2024-Q2", "TRUE"],
            "\(printed)\n\(said)")
    }
}
