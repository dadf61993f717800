using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Valuation;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Sql;

/// <summary>What a folder of an analysis's summaries holds: the summaries, their window, what they were computed with and the rates cost-to-serve was priced with.</summary>
/// <param name="Summaries">The summaries.</param>
/// <param name="Window">The observation window they were computed for (its zone the time zone).</param>
/// <param name="Definitions">The KPI definitions, staffing interval, journeys' lookback and survival grouping they were computed with.</param>
/// <param name="Rates">The cost rates (the folder's <c>rates.json</c>), or null when there were none.</param>
/// <param name="RatesSource">Where the rates came from when the summaries were made, as the analysis names them.</param>
public sealed record AnalysisSummaryFolder(AnalysisSummaries Summaries, ObservationWindow Window, SummaryDefinitions Definitions, CostModel? Rates, string? RatesSource)
{
    /// <summary>
    /// The analysis of the summaries (<see cref="ContactCenterAnalysis.FromSummaries"/>) in their window, with their
    /// definitions (<see cref="SummaryDefinitions.Apply"/>) and rates: the board report from the files alone.
    /// </summary>
    /// <param name="options">The report's choices (seed, trend bucket, ...); its definitions must be the summaries' or the defaults, its rates are replaced by the folder's.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException">An option contradicts the summaries' definitions (<see cref="SummaryDefinitions.Apply"/>).</exception>
    /// <exception cref="InvalidDataException">The rates are in another currency than the purchases (the message names the folder).</exception>
    public ContactCenterAnalysis Analyze(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chosen = Definitions.Apply(options, Summaries.Source);
        try
        {
            return ContactCenterAnalysis.FromSummaries(Summaries, Window, chosen with { Rates = Rates, RatesSource = RatesSource ?? options.RatesSource });
        }
        catch (CurrencyMismatchException e)
        {
            throw new InvalidDataException($"{Summaries.Source}: {e.Message} The analysis sums money in one currency.", e);
        }
    }
}

/// <summary>
/// An analysis's <see cref="AnalysisSummaries"/> as a folder of files (CSV or Parquet, docs/data.md), so a warehouse job
/// or <c>contactmetrics summarize --for-report</c> writes them and <c>report --summaries</c> builds the board report of
/// them alone: <c>analysis</c> (the window, currency, table counts and counts left out), <c>segments</c>,
/// <c>kpi_counts</c> (by channel and the staffing interval), and when computed <c>survival_table</c>, <c>cost_cells</c>,
/// <c>segment_inputs</c>, <c>revenue</c>, <c>active_customers</c>, <c>paths</c>, <c>paths_last_year</c>,
/// <c>rfm_summary</c>, with the rates as <c>rates.json</c>.
/// </summary>
public static class AnalysisSummaryFiles
{
    /// <summary>The name of the rates file in the folder.</summary>
    public const string RatesFileName = ContactCenterFolder.RatesFileName;

    private static readonly (string, string)[] NameValue = [("name", "VARCHAR"), ("value", "VARCHAR")];
    private static readonly (string, string)[] SegmentTypes = [("segment", "VARCHAR"), ("customers", "BIGINT")];
    private static readonly (string, string)[] RevenueTypes = [("customer_id", "VARCHAR"), ("revenue", "VARCHAR")];
    private static readonly (string, string)[] ActiveTypes = [("customer_id", "VARCHAR"), ("segment", "VARCHAR")];

    /// <summary>Writes the summaries to <paramref name="directory"/> (created if missing), each file replaced.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="window">The window they were computed for.</param>
    /// <param name="options">The options they were computed with: their definitions (<see cref="SummaryDefinitions.Of"/>) are written to <c>analysis</c>, and how they name the rates (<see cref="AnalysisOptions.RatesSource"/>), so the report from the files names them alike.</param>
    /// <param name="extension"><c>.csv</c> or <c>.parquet</c>.</param>
    /// <param name="ratesFile">The rates file cost-to-serve was priced with (copied as <c>rates.json</c>), or null.</param>
    /// <returns>Each file written: the summary, the file and its rows.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the rates is null.</exception>
    public static IReadOnlyList<(string Summary, string File, int Rows)> Write(string directory, AnalysisSummaries summaries, ObservationWindow window, AnalysisOptions options,
        string extension, string? ratesFile)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(extension);
        Directory.CreateDirectory(directory);
        var written = new List<(string, string, int)>();
        void Written(string summary, string name, Func<string, int> write)
        {
            string file = Path.Combine(directory, name + extension);
            written.Add((summary, file, write(file)));
        }
        var (counts, outside) = (summaries.Counts, summaries.OutsideWindow);
        var facts = new List<(string Name, string Value)>
        {
            ("window_start", InstantPattern.ExtendedIso.Format(window.Start)),
            ("window_end", InstantPattern.ExtendedIso.Format(window.End)),
            ("time_zone", window.TimeZone.Id),
            ("currency", summaries.Currency.Code),
        };
        facts.AddRange(CountFacts.Select(f => (f.Name, f.Get(counts, outside, summaries.Survival).ToString(CultureInfo.InvariantCulture))));
        facts.AddRange(SummaryDefinitions.Of(options).Rows());
        facts.Add(("rates_source", options.RatesSource));
        Written("analysis", "analysis", f => WriteRows(f, NameValue, facts.Select(x => new[] { x.Name, x.Value })));
        Written("segments", "segments", f => WriteRows(f, SegmentTypes, counts.Segments.Select(s => new[] { s.Key, s.Value.ToString(CultureInfo.InvariantCulture) })));
        Written("kpi counts", "kpi_counts", f => KpiCountsFile.Write(f, summaries.Kpis.Select(GroupedKpiCounts.From), KpiDimensions.Channel, bucketed: true));
        if (summaries.Survival is { } survival)
        {
            Written("survival table", "survival_table", f => SurvivalTableFile.Write(f, survival));
        }
        if (summaries.CostCells is { } cells)
        {
            Written("cost cells", "cost_cells", f => CostCellsFile.Write(f, cells));
        }
        if (summaries.SegmentInputs is { } segmentInputs)
        {
            Written("segment inputs", "segment_inputs", f => SegmentInputsFile.Write(f, segmentInputs));
        }
        if (summaries.Revenue is { } revenue)
        {
            Written("revenue", "revenue", f => WriteRows(f, RevenueTypes, revenue.Select(r => new[] { r.Key.Value, r.Value.ToString(CultureInfo.InvariantCulture) })));
        }
        if (summaries.ActiveCustomers is { } active)
        {
            Written("active customers", "active_customers", f => WriteRows(f, ActiveTypes, active.Select(a => new[] { a.Key.Value, a.Value })));
        }
        if (summaries.Paths is { } paths && summaries.PathsLastYear is { } lastYear)
        {
            Written("path summary", "paths", f => PathSummaryFile.Write(f, paths));
            Written("path summary, last year", "paths_last_year", f => PathSummaryFile.Write(f, lastYear));
        }
        if (summaries.Rfm is { } rfm)
        {
            Written("rfm summary", "rfm_summary", f => (int)Data.Tables.WriteRfmSummary(f, rfm.Rows()));
        }
        if (ratesFile is not null)
        {
            string copy = Path.Combine(directory, RatesFileName);
            if (!string.Equals(Path.GetFullPath(ratesFile), Path.GetFullPath(copy), StringComparison.Ordinal))
            {
                File.Copy(ratesFile, copy, overwrite: true);
            }
            written.Add(("cost rates", copy, 1));
        }
        return written;
    }

    /// <summary>
    /// <c>summarize --for-report</c>: the lake's summaries of <paramref name="lake"/> written to <paramref name="directory"/>
    /// (<see cref="LakeSummaries.Write"/>) and the analysis's to its <c>report</c> folder (<see cref="Write"/>), both computed
    /// in one DuckDB session with one window (<see cref="LakeAnalysis.ByDuckDbWithSummaries"/>).
    /// </summary>
    /// <param name="duck">An open engine with no tables attached.</param>
    /// <param name="folder">The folder of tables.</param>
    /// <param name="lake">The lake summaries' options (see <see cref="LakeAnalysis.ByDuckDbWithSummaries"/>).</param>
    /// <param name="options">The analysis's options.</param>
    /// <param name="ratesPath">The cost rates; null: <c>rates.json</c> in the folder when it exists (<see cref="ContactCenterFolder.RatesFileOf"/>).</param>
    /// <param name="directory">The folder the summaries are written to (created if missing).</param>
    /// <param name="extension"><c>.csv</c> or <c>.parquet</c>.</param>
    /// <returns>Each file written: the summary, the file and its rows.</returns>
    /// <exception cref="ArgumentException">See <see cref="LakeAnalysis.ByDuckDbWithSummaries"/>, which lists the other exceptions too.</exception>
    public static IReadOnlyList<(string Summary, string File, int Rows)> WriteFromLake(DuckDbEngine duck, string folder, LakeSummaryRequest lake, AnalysisOptions options,
        string? ratesPath, string directory, string extension)
    {
        ArgumentNullException.ThrowIfNull(lake);
        string? ratesFile = Directory.Exists(folder) ? ContactCenterFolder.RatesFileOf(folder, ratesPath) : ratesPath;
        var (summaries, analysis) = LakeAnalysis.ByDuckDbWithSummaries(duck, folder, lake, options, ratesFile);
        return [.. summaries.Write(directory, extension, lake.Grouping),
            .. Write(Path.Combine(directory, "report"), analysis.Summaries!, analysis.Window, analysis.Options, extension, ratesFile)];
    }

    /// <summary>
    /// Reads the summaries of <paramref name="directory"/> (each file <c>.csv</c> or <c>.parquet</c>); a summary whose file
    /// is absent is null, so the figures that need it say so.
    /// </summary>
    /// <param name="directory">The folder <see cref="Write"/> wrote.</param>
    /// <param name="pathSeparator">The separator between channels in <c>paths</c> and <c>paths_last_year</c>
    /// (<see cref="PathSummaryFile.Read"/>); <see langword="null"/>: <c>" &gt; "</c>, guarded against another.</param>
    /// <returns>The summaries, their window, definitions and rates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pathSeparator"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// The folder or a required file (<c>analysis</c>, <c>segments</c>, <c>kpi_counts</c>) is missing, a file is not what
    /// its summary holds, or the survival table is not by the recorded grouping or that is not first-contact resolution;
    /// the message names the file, line, column and value.
    /// </exception>
    public static AnalysisSummaryFolder Read(string directory, string? pathSeparator = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _ = Attribution.PathSeparatorGuard.For(pathSeparator);
        if (!Directory.Exists(directory))
        {
            throw new InvalidDataException($"{directory}: no such folder; give the folder summarize --for-report wrote (its report/ folder).");
        }
        string Required(string name) => Find(directory, name)
            ?? throw new InvalidDataException($"{directory}: there is no {name}.csv or {name}.parquet; summarize --for-report writes it (docs/data.md).");
        string analysisFile = Required("analysis");
        var facts = ReadFacts(analysisFile);
        var window = Window(analysisFile, facts);
        var definitions = SummaryDefinitions.Read(facts);
        var currency = facts.Value<Currency>("currency", "a currency code (ISO 4217, e.g. EUR)", Currency.TryParse);
        int Int(string name) => facts.Value(name, "a whole number at least 0", (string text, out int n) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n));
        var segments = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var row in SummaryFiles.StreamRows(Required("segments"), "a segments table", [.. SegmentTypes.Select(t => t.Item1)]))
        {
            if (!segments.TryAdd(row.Required(0, "segment"), row.Count(1) is var n && n <= int.MaxValue ? (int)n : throw row.Bad(1, "is too large")))
            {
                throw row.Bad(0, Twice);
            }
        }
        var counts = new TableCounts(Int("customers"), segments.ToImmutable(), Int("interactions"), Int("purchases"), Int("touchpoints"), Int("conversions"));
        var outside = new RecordsOutsideWindow(Int("outside_customers"), Int("outside_interactions"), Int("outside_purchases"), Int("outside_touchpoints"),
            Int("outside_conversions"), Int("churns_after_end"));
        var kpis = Kpis(Required("kpi_counts"), window, definitions);
        T? Optional<T>(string name, Func<string, T> read) where T : class => Find(directory, name) is { } file ? read(file) : null;
        string? ratesFile = ContactCenterFolder.RatesFileOf(directory, null);
        var summaries = new AnalysisSummaries(kpis, counts, outside, currency)
        {
            Survival = Optional("survival_table", f => SurvivalTableFile.Read(f) is var table && table.Grouping == SummaryDefinitions.SurvivalGrouping ? table with
            {
                CustomersWithoutQualifyingContact = Int("survival_without_qualifying_contact"),
                CustomersChurnedBeforeIndex = Int("survival_churned_before_index"),
            }
            : throw new InvalidDataException($"{f}: the groups are of {table.Grouping}, but {analysisFile} records survival_grouping {SummaryDefinitions.SurvivalGrouping}; write the survival table by it.")),
            CostCells = Optional("cost_cells", CostCellsFile.Read),
            SegmentInputs = Optional("segment_inputs", SegmentInputsFile.Read),
            Revenue = Optional("revenue", ReadRevenue),
            ActiveCustomers = Optional("active_customers", ReadActive),
            Paths = Optional("paths", f => PathSummaryFile.Read(f, currency, pathSeparator)),
            PathsLastYear = Optional("paths_last_year", f => PathSummaryFile.Read(f, currency, pathSeparator)),
            Rfm = Optional("rfm_summary", f => ReadRfm(f, currency)),
            Source = $"the summaries in {directory}",
        };
        CostModel? rates;
        try
        {
            rates = ratesFile is null ? null : CostRatesFile.Read(ratesFile);
        }
        catch (CostRatesFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        return new AnalysisSummaryFolder(summaries, window, definitions, rates, facts.Optional("rates_source"));
    }

    /// <summary>
    /// The analysis of the summaries in <paramref name="directory"/> (<see cref="Read"/>, then
    /// <see cref="AnalysisSummaryFolder.Analyze"/> with the folder's window, definitions and rates): the board report from
    /// the files alone.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="options">The report's choices (seed, trend bucket, ...); its KPI definitions, staffing interval and journeys' lookback are the summaries' unless set to another value (then an error), its rates are replaced by the folder's.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="InvalidDataException">See <see cref="Read"/>; also when the rates are in another currency than the purchases.</exception>
    /// <exception cref="ArgumentException">An option contradicts the summaries' definitions (<see cref="SummaryDefinitions.Apply"/>).</exception>
    public static ContactCenterAnalysis Analyze(string directory, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Read(directory).Analyze(options);
    }

    /// <summary>The counts of <c>analysis</c>: their names and where each comes from.</summary>
    private static readonly (string Name, Func<TableCounts, RecordsOutsideWindow, Retention.IndexDateTable?, int> Get)[] CountFacts =
    [
        ("customers", (c, _, _) => c.Customers), ("interactions", (c, _, _) => c.Interactions), ("purchases", (c, _, _) => c.Purchases),
        ("touchpoints", (c, _, _) => c.Touchpoints), ("conversions", (c, _, _) => c.Conversions),
        ("outside_customers", (_, o, _) => o.Customers), ("outside_interactions", (_, o, _) => o.Interactions), ("outside_purchases", (_, o, _) => o.Purchases),
        ("outside_touchpoints", (_, o, _) => o.Touchpoints), ("outside_conversions", (_, o, _) => o.Conversions), ("churns_after_end", (_, o, _) => o.ChurnsAfterEnd),
        ("survival_without_qualifying_contact", (_, _, s) => s?.CustomersWithoutQualifyingContact ?? 0),
        ("survival_churned_before_index", (_, _, s) => s?.CustomersChurnedBeforeIndex ?? 0),
    ];

    /// <summary>The file of summary <paramref name="name"/> in the folder (<c>.csv</c> first, then <c>.parquet</c>), or null.</summary>
    private static string? Find(string directory, string name) =>
        new[] { ".csv", ".parquet" }.Select(e => Path.Combine(directory, name + e)).FirstOrDefault(File.Exists);

    private static int WriteRows(string path, IReadOnlyList<(string Column, string Type)> types, IEnumerable<string[]> rows)
    {
        int count = 0;
        SummaryFiles.Write(path, types, writer =>
        {
            writer.WriteLine(string.Join(",", types.Select(t => t.Column)));
            foreach (var row in rows)
            {
                writer.WriteLine(string.Join(",", row.Select(SummaryFiles.Quote)));
                count++;
            }
        });
        return count;
    }

    /// <summary>The rows of <c>analysis</c> by name, each with the row that holds it (for the error naming its line).</summary>
    private static Facts ReadFacts(string path)
    {
        var rows = new Dictionary<string, SummaryRow>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in SummaryFiles.StreamRows(path, "the analysis table", [.. NameValue.Select(t => t.Item1)]))
        {
            if (!rows.TryAdd(row.Required(0, "name"), row))
            {
                throw row.Bad(0, Twice);
            }
        }
        return new Facts(path, rows);
    }

    private static ObservationWindow Window(string path, Facts facts)
    {
        static bool Parse(string text, out Instant instant)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(text);
            instant = parsed.Success ? parsed.Value : default;
            return parsed.Success;
        }
        var start = facts.Value<Instant>("window_start", "an instant such as 2024-01-01T00:00:00Z", Parse);
        var end = facts.Value<Instant>("window_end", "an instant such as 2026-01-01T00:00:00Z", Parse);
        var zone = facts.Value("time_zone", "an IANA time zone such as Europe/Amsterdam", (string text, out DateTimeZone z) => (z = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text)!) is not null);
        return end > start ? new ObservationWindow(start, end, zone)
            : throw new InvalidDataException($"{path}: the window_end {end} is not after the window_start {start}.");
    }

    private static IReadOnlyList<KpiGroup> Kpis(string path, ObservationWindow window, SummaryDefinitions definitions)
    {
        var (groups, dimensions, bucketed) = KpiCountsFile.Read(path);
        if (dimensions != KpiDimensions.Channel || !bucketed)
        {
            throw new InvalidDataException($"{path}: the report's kpi counts are by channel and time bucket (columns channel, bucket_start, bucket_seconds); this file has other keys.");
        }
        return [.. groups.Select(g => (g with { BucketStart = g.BucketStart!.Value.ToInstant().InZone(window.TimeZone) }).ToKpis(definitions.Kpis))];
    }

    /// <summary>A key read a second time: never silently merged or overwritten (concatenated partitions must be summed first).</summary>
    private const string Twice = "appears twice; the file holds one row per key (add up the rows of concatenated partitions first)";

    private static Dictionary<CustomerId, decimal> ReadRevenue(string path)
    {
        var revenue = new Dictionary<CustomerId, decimal>();
        foreach (var row in SummaryFiles.StreamRows(path, "a revenue table", [.. RevenueTypes.Select(t => t.Item1)]))
        {
            var id = new CustomerId(row.Required(0, "customer"));
            if (!revenue.TryAdd(id, decimal.TryParse(row.Cell(1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)
                ? amount : throw row.Bad(1, "is not an amount such as 1234.50")))
            {
                throw row.Bad(0, Twice);
            }
        }
        return revenue;
    }

    private static Dictionary<CustomerId, string> ReadActive(string path)
    {
        var active = new Dictionary<CustomerId, string>();
        foreach (var row in SummaryFiles.StreamRows(path, "an active customers table", [.. ActiveTypes.Select(t => t.Item1)]))
        {
            if (!active.TryAdd(new CustomerId(row.Required(0, "customer")), row.Optional(1) ?? ContactCenterAnalysis.NoSegment))
            {
                throw row.Bad(0, Twice);
            }
        }
        return active;
    }

    private static RfmSummary ReadRfm(string path, Currency currency)
    {
        try
        {
            return Data.Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, currency).Summary;
        }
        catch (TableFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The named values of <c>analysis</c>.</summary>
    internal sealed class Facts(string path, Dictionary<string, SummaryRow> rows)
    {
        public string? Optional(string name) => rows.TryGetValue(name, out var row) ? row.Optional(1) : null;

        /// <summary>The value of <paramref name="name"/> parsed by <paramref name="parse"/>; a missing row, or a value it does not parse, names the file (and the line and value).</summary>
        public T Value<T>(string name, string what, TryParse<T> parse)
        {
            if (!rows.TryGetValue(name, out var row))
            {
                throw new InvalidDataException($"{path}: there is no row named '{name}'; the analysis table has a value for each of window_start, window_end, time_zone, currency, the counts and the definitions the summaries were computed with (docs/data.md).");
            }
            return parse(row.Cell(1), out var value) ? value : throw row.Bad(1, $"is not {what} ({name})");
        }
    }

    internal delegate bool TryParse<T>(string text, out T value);
}
