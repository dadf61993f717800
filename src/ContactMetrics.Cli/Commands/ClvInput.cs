using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The input options shared by <c>clv fit</c> and <c>clv predict</c>: an <c>rfm summary</c> table
/// (<c>--summary</c>), or a purchases table summarised at <c>--calibration-end</c> (<c>--purchases</c>),
/// with the period unit, time zone, currency and an optional holdout end.
/// </summary>
internal sealed class ClvInput
{
    public Option<string?> Summary { get; } = new("--summary") { Description = "An rfm summary table (customer_id, frequency, recency, T, monetary_value), CSV or Parquet.", HelpName = "FILE" };

    public Option<string?> Purchases { get; } = new("--purchases") { Description = "A purchases table (CSV or Parquet), summarised at --calibration-end.", HelpName = "FILE" };

    public Option<string?> CalibrationEnd { get; } = new("--calibration-end") { Description = "With --purchases: last day of the calibration period (inclusive), yyyy-MM-dd.", HelpName = "DATE" };

    public Option<string?> HoldoutEnd { get; } = new("--holdout-end") { Description = "With --purchases: last day (inclusive) of a holdout period after the calibration end, for the holdout check.", HelpName = "DATE" };

    public Option<string> Period { get; } = new("--period") { Description = "Time unit of recency and age (and of the summary file's columns): day, week or month.", DefaultValueFactory = _ => "week" };

    public Option<string> TimeZone { get; } = new("--time-zone") { Description = "With --purchases: zone in which purchase instants become dates.", DefaultValueFactory = _ => "UTC" };

    public Option<string?> Currency { get; } = new("--currency") { Description = "With --summary: the currency of monetary_value (ISO 4217, e.g. EUR).", HelpName = "CODE" };

    public Option<string> Engine { get; } =
        Engines.Option("With --purchases: memory (read every row, validated) or duckdb (embedded DuckDB, out of core; --purchases may also be a recursive glob or a hive-partitioned folder).");

    public Option<bool> SkipInvalid { get; } = CommonOptions.SkipInvalid();

    public void AddTo(Command command)
    {
        command.Add(Summary);
        command.Add(Purchases);
        command.Add(CalibrationEnd);
        command.Add(HoldoutEnd);
        command.Add(Period);
        command.Add(TimeZone);
        command.Add(Currency);
        command.Add(Engine);
        command.Add(SkipInvalid);
    }

    /// <summary>Reads the summary the options describe, with a sentence saying where it came from.</summary>
    public (RfmSummary Summary, string Source) Read(ParseResult parse, CliConsole console, bool currencyRequired)
    {
        string? summaryPath = parse.GetValue(Summary);
        string? purchasesPath = parse.GetValue(Purchases);
        if ((summaryPath is null) == (purchasesPath is null))
        {
            throw new CliInputException("Give either --summary FILE or --purchases FILE with --calibration-end DATE (exactly one of them).");
        }
        var unit = ParsePeriod(parse.GetValue(Period)!);
        string unitName = unit.ToString().ToLowerInvariant();
        if (summaryPath is not null)
        {
            foreach (var option in new[] { CalibrationEnd, HoldoutEnd })
            {
                if (parse.GetValue(option) is not null)
                {
                    throw new CliInputException($"{option.Name} goes with --purchases; an rfm summary table is already summarised.");
                }
            }
            if (!string.Equals(parse.GetValue(Engine), "memory", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliInputException("--engine goes with --purchases; an rfm summary table is already summarised.");
            }
            string? code = parse.GetValue(Currency);
            Domain.Currency currency = default;
            if (code is null)
            {
                if (currencyRequired)
                {
                    throw new CliInputException("--currency: required with --summary, to state the currency of monetary_value (e.g. --currency USD).");
                }
            }
            else
            {
                currency = OptionParsing.ParseCurrency(Currency.Name, code);
            }
            var options = TableInput.ReadOptions(parse.GetValue(SkipInvalid), console);
            RfmSummary summary;
            ValidationReport report;
            try
            {
                using var reader = TableInput.Open(summaryPath, options, Data.Tables.OpenRfmSummary, console);
                summary = RfmSummary.FromRows(reader, unit, currency);
                report = reader.Report;
            }
            catch (ArgumentException e) when (e is not InvalidRecordException)
            {
                throw new CliInputException($"--summary {summaryPath}: {e.Message}");
            }
            TableInput.Report(summaryPath, report, console);
            if (summary.Count == 0)
            {
                throw new CliInputException($"--summary: {summaryPath} has no customers.");
            }
            return (summary, $"{summary.Count:N0} customers from the summary {Path.GetFileName(summaryPath)}, time in {unitName}s.");
        }

        string endText = parse.GetValue(CalibrationEnd) ?? throw new CliInputException("--calibration-end: required with --purchases (yyyy-MM-dd).");
        if (parse.GetValue(Currency) is not null)
        {
            throw new CliInputException("--currency goes with --summary; a purchases table has a currency column.");
        }
        var rfmOptions = ClvFigures.ParseRfmOptions(endText, parse.GetValue(HoldoutEnd), parse.GetValue(Period)!, OptionParsing.ParseTimeZone(TimeZone.Name, parse.GetValue(TimeZone)!));
        var built = Engines.IsDuckDb(parse, Engine, parse.GetValue(SkipInvalid))
            ? Engines.Run(duck =>
            {
                duck.AttachPurchases(purchasesPath!);
                return duck.RfmSummary(rfmOptions);
            })
            : RfmSummaryBuilder.Build(TableInput.ReadAll(purchasesPath!, parse.GetValue(SkipInvalid), Data.Tables.OpenPurchases, console), rfmOptions);
        if (built.Count == 0)
        {
            throw new CliInputException($"--purchases: no customer has a purchase on or before {endText}.");
        }
        return (built, $"{built.Count:N0} customers, calibration to {endText}, time in {unitName}s.");
    }

    internal static RfmPeriodUnit ParsePeriod(string text) => OptionParsing.ParseName("--period", text, ClvFigures.PeriodNames, "period");
}
