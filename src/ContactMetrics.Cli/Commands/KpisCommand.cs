using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Sql;
using ContactMetrics.Tables;

namespace ContactMetrics.Cli.Commands;

/// <summary><c>contactmetrics kpis</c>: operational KPIs by any grouping and time bucket, every definition an option.</summary>
internal static class KpisCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var interactions = new Option<string>("--interactions")
        {
            Description = "The interactions table: a .csv, .csv.gz or .parquet file, a folder or glob of them, or - for standard input (with --engine duckdb also recursive globs and hive partitions).",
            HelpName = "PATH",
        };
        var kpiCounts = new Option<string?>("--kpi-counts")
        {
            Description = "Instead of --interactions: a kpi counts table (CSV or Parquet, as summarize writes it); --by may keep some of its dimensions (the others are added up).",
            HelpName = "FILE",
        };
        var customers = new Option<string?>("--customers") { Description = "The customers table; needed for --by segment.", HelpName = "PATH" };
        var engine = Engines.Option("memory (read every row, validated) or duckdb (embedded DuckDB, out of core; trusts the rows: validate first).");
        var by = new Option<string?>("--by") { Description = "Group by any of agent,channel,direction,queue,reason,segment (comma-separated).", HelpName = "DIMS" };
        var bucket = new Option<string?>("--bucket") { Description = "Time bucket: 15m, 30m, 1h, day, week or month (local time of --time-zone).", HelpName = "SIZE" };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone for buckets, e.g. Europe/Amsterdam.", HelpName = "TZ", DefaultValueFactory = _ => "UTC" };
        var formula = new Option<string>("--sl-formula") { Description = "Service-level formula: f1, f2, f3, f4, f5, genesys or amazon-connect (docs/kpis.md).", DefaultValueFactory = _ => "f3" };
        var threshold = new Option<string>("--sl-threshold") { Description = "Service-level answer threshold, e.g. 20s.", DefaultValueFactory = _ => "20s" };
        var shortAbandon = new Option<string>("--short-abandon") { Description = "Abandons within this time are short abandons.", DefaultValueFactory = _ => "5s" };
        var flowOuts = new Option<bool>("--genesys-flow-outs") { Description = "Genesys formula: add flow-outs to the denominator." };
        var genesysShort = new Option<bool>("--genesys-exclude-short-abandons") { Description = "Genesys formula: subtract short abandons from the denominator." };
        var aht = new Option<string>("--aht") { Description = "Handle-time components: any of talk,hold,acw.", DefaultValueFactory = _ => "talk,hold,acw" };
        var abandonBase = new Option<string>("--abandon-base") { Description = "Abandonment denominator: queued (Amazon Connect) or offered (Genesys).", DefaultValueFactory = _ => "queued" };
        var excludeShort = new Option<bool>("--exclude-short-abandons") { Description = "Leave short abandons out of the abandonment rate." };
        var repeats = new RepeatOptions();
        var fcrBasis = new Option<string>("--fcr-basis") { Description = "What FCR and the repeat rate count: issue (SQM/ICMI: issues resolved on the first contact / issues) or contact (every handled contact, repeats included).", DefaultValueFactory = _ => "issue" };
        var responseTarget = new Option<string>("--response-target") { Description = "Response target of asynchronous channels (email), e.g. 24h: their service level is the share answered within it.", DefaultValueFactory = _ => "24h" };
        var csat = new Option<string>("--csat") { Description = "CSAT box: top-2-box (4-5) or top-box (5).", DefaultValueFactory = _ => "top-2-box" };
        var level = CommonOptions.Confidence();
        var skipInvalid = CommonOptions.SkipInvalid();

        KpiOptions BuildOptions(ParseResult parse)
        {
            var slFormula = OptionParsing.ParseName("--sl-formula", parse.GetValue(formula)!, KpiFigures.FormulaNames, "formula");
            var slThreshold = OptionParsing.ParsePositiveDuration("--sl-threshold", parse.GetValue(threshold)!);
            var sl = new ServiceLevelDefinition(slFormula, slThreshold, OptionParsing.ParseDuration("--short-abandon", parse.GetValue(shortAbandon)!),
                parse.GetValue(flowOuts), parse.GetValue(genesysShort));
            var components = KpiFigures.ParseHandleTime(parse.GetValue(aht));
            var abandon = OptionParsing.ParseName("--abandon-base", parse.GetValue(abandonBase)!, KpiFigures.AbandonmentBaseNames, "base");
            var repeat = repeats.Read(parse, OptionParsing.ParseName("--fcr-basis", parse.GetValue(fcrBasis)!, KpiFigures.FcrBasisNames, "basis"));
            var box = OptionParsing.ParseName("--csat", parse.GetValue(csat)!, KpiFigures.CsatBoxNames, "box");
            return new KpiOptions(sl, components, abandon, parse.GetValue(excludeShort), repeat, box, CommonOptions.Level(parse, level),
                OptionParsing.ParsePositiveDuration("--response-target", parse.GetValue(responseTarget)!));
        }

        var command = new Command("kpis", "Operational KPIs (volumes, AHT, ASA, service level, abandonment, transfers, FCR, CSAT, NPS, CES) by any grouping and time bucket.")
        {
            interactions, kpiCounts, customers, engine, by, bucket, zone, formula, threshold, shortAbandon, flowOuts, genesysShort, aht, abandonBase,
            excludeShort, repeats.Window, repeats.AnyReason, repeats.SameChannel, fcrBasis, responseTarget, csat, level, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(kpiCounts) is { } countsPath)
            {
                // The counts were made with their thresholds, handle-time components and repeat rule; the rest applies here.
                CommonOptions.Refuse(parse, name => $"{name} does not go with --kpi-counts: the counts in {countsPath} were made with their own table, buckets and count definitions (set those when the counts are made).",
                    [interactions, customers, engine, bucket, zone, threshold, shortAbandon, aht, .. repeats.All, responseTarget, skipInvalid]);
                var (read, fileDims, fileBucketed) = Engines.ReadSummary(() => KpiCountsFile.Read(countsPath));
                var keep = parse.GetValue(by) is null ? fileDims : KpiFigures.ParseDimensions(parse.GetValue(by));
                if ((keep & ~fileDims) != 0)
                {
                    throw new CliInputException($"--by: {countsPath} has no {string.Join(",", KpiFigures.DimensionNames.Where(d => keep.HasFlag(d.Value) && !fileDims.HasFlag(d.Value)).Select(d => d.Key))} column; it is by {(fileDims == KpiDimensions.None ? "nothing" : string.Join(",", KpiFigures.DimensionNames.Where(d => fileDims.HasFlag(d.Value)).Select(d => d.Key)))}.");
                }
                var countsOptions = BuildOptions(parse);
                // Render needs only whether there are buckets: the file's keep their starts and lengths.
                common.Write(parse, KpiFigures.Of([.. GroupedKpiCounts.RollUp(read, keep).Select(g => g.ToKpis(countsOptions))], keep, fileBucketed, countsOptions), console);
                return CliApp.Success;
            }
            if (parse.GetValue(interactions) is null)
            {
                throw new CliInputException("Give --interactions PATH (the interactions table) or --kpi-counts FILE (counts made before).");
            }
            var dims = KpiFigures.ParseDimensions(parse.GetValue(by));
            string? customersPath = parse.GetValue(customers);
            if (dims.HasFlag(KpiDimensions.Segment) && customersPath is null)
            {
                throw new CliInputException("--by segment needs --customers FILE (the customers table has the segments).");
            }
            var timeBucket = KpiFigures.ParseBucket(parse.GetValue(bucket));
            var timeZone = OptionParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
            var options = BuildOptions(parse);

            var grouping = new KpiGrouping(dims, timeBucket, timeZone);
            string interactionsPath = parse.GetValue(interactions)!;
            IReadOnlyList<KpiGroup> groups;
            if (Engines.IsDuckDb(parse, engine, parse.GetValue(skipInvalid)))
            {
                groups = console.Progress("Computing KPIs (DuckDB)", () => Engines.Run(duck =>
                {
                    duck.AttachInteractions(interactionsPath);
                    if (customersPath is not null)
                    {
                        duck.AttachCustomers(customersPath);
                    }
                    return duck.Kpis(grouping, options).Select(g => g.ToKpis(options)).ToList();
                }));
            }
            else
            {
                var table = TableInput.ReadInteractionTable(interactionsPath, customersPath, parse.GetValue(skipInvalid), console);
                groups = console.Progress("Computing KPIs", () => KpiRollup.Compute(table, grouping, options));
            }
            common.Write(parse, KpiFigures.Of(groups, dims, timeBucket != TimeBucket.None, options), console);
            return CliApp.Success;
        });
        return command;
    }
}
