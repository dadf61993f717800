using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Attribution;
using ContactMetrics.Data;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics attribution</c>: journeys from touchpoints, conversions and (optionally) service
/// contacts; credits per channel by one model; the assist table; for Markov, P(conversion) and removal effects.
/// </summary>
internal static class AttributionCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var touchpoints = new Option<string?>("--touchpoints") { Description = "The touchpoints table (CSV or Parquet; with --engine duckdb also .csv.gz, a glob or a folder).", HelpName = "PATH" };
        var conversions = new Option<string?>("--conversions") { Description = "The conversions table (as --touchpoints); one currency.", HelpName = "PATH" };
        var pathsFile = new Option<string?>("--paths") { Description = "Instead of --touchpoints and --conversions: a path summary (path,total_conversions,total_conversion_value,total_null; CSV or Parquet), e.g. from summarize or a warehouse.", HelpName = "FILE" };
        var currency = new Option<string?>("--currency") { Description = "With --paths: the currency of total_conversion_value (ISO 4217, e.g. EUR); none when absent.", HelpName = "CODE" };
        var separator = new Option<string?>("--separator") { Description = "With --paths: the text between channels, e.g. '>' for c1>c2 (default ' > ', and a file whose paths hold '>' or '|' but never ' > ' is refused).", HelpName = "TEXT" };
        var engine = Engines.Option("memory (read every row, validated) or duckdb (embedded DuckDB, out of core: the path summary in SQL; not for time-decay, which needs each touch's time).");
        var interactions = new Option<string?>("--interactions") { Description = "Service contacts to add as service:<channel> touches.", HelpName = "FILE" };
        var model = new Option<string>("--model") { Description = "Model: " + string.Join(", ", AttributionFigures.ModelNames) + ".", HelpName = "MODEL", Required = true };
        var lookback = new Option<string>("--lookback") { Description = "Touches up to this long before a conversion count, e.g. 30d.", DefaultValueFactory = _ => "30d" };
        var order = new Option<int?>("--order") { Description = "Markov: the order of the chain, 1 to 8 (default 1).", HelpName = "K" };
        var halfLife = new Option<string?>("--half-life") { Description = "Time decay: the half-life, e.g. 7d (default 7d).", HelpName = "DURATION" };
        var position = new Option<string?>("--position") { Description = "Position-based: the first and last touch's shares, e.g. 0.4,0.4 (the default).", HelpName = "FIRST,LAST" };
        var directInChain = new Option<bool>("--direct-in-chain") { Description = "Markov: keep untouched conversions ((direct)) inside the chain and its normalisation, the older behaviour (default: credited to (direct) alone)." };
        var valueWeighted = new Option<bool>("--value-weighted") { Description = "Markov: value credit from removal effects on conversion value (ChannelAttribution's value definition) instead of the conversion shares." };
        var collapse = new Option<bool>("--collapse-repeats") { Description = "Collapse consecutive touches on the same channel into one." };
        var assists = new Option<string>("--assists") { Description = "Assist counting: once (per conversion, Google Analytics) or per-occurrence.", DefaultValueFactory = _ => "once" };
        var skipInvalid = CommonOptions.SkipInvalid();

        var command = new Command("attribution", "Credit conversions and their value to marketing and service channels (first, last, last-non-service, linear, position, time-decay, Markov, Shapley), with assisted conversions.")
        {
            touchpoints, conversions, pathsFile, currency, separator, engine, interactions, model, lookback, order, halfLife, position, directInChain, valueWeighted, collapse, assists, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string modelName = AttributionFigures.ParseModel(parse.GetValue(model)!);
            var journeyOptions = new JourneyOptions { Lookback = OptionParsing.ParsePositiveDuration("--lookback", parse.GetValue(lookback)!), CollapseRepeats = parse.GetValue(collapse) };
            var settings = new AttributionModelOptions
            {
                Order = parse.GetValue(order),
                DirectInChain = parse.GetValue(directInChain),
                ValueWeighted = parse.GetValue(valueWeighted),
                HalfLife = parse.GetValue(halfLife) is { } h ? OptionParsing.ParsePositiveDuration("--half-life", h) : null,
                Position = parse.GetValue(position) is { } p ? AttributionFigures.ParsePosition(p) : null,
                DirectChannel = journeyOptions.DirectChannel,
            };
            AttributionFigures.CheckModelOptions(modelName, settings);
            var counting = OptionParsing.ParseName("--assists", parse.GetValue(assists)!, AttributionFigures.AssistCountingNames, "counting");

            var (paths, journeys) = ReadPaths(parse, console, touchpoints, conversions, pathsFile, currency, separator, engine, interactions, lookback, collapse, skipInvalid, journeyOptions, modelName);
            var run = console.Progress("Attributing", () => (Fit: AttributionFigures.Attribute(modelName, settings, paths, journeys), Assists: AssistMetrics.Compute(paths, counting)));
            common.Write(parse, AttributionFigures.Of((int)(paths.TotalConversions + paths.TotalNulls), paths, run.Fit.Result, run.Fit.Markov, run.Assists, parse.GetValue(pathsFile) is null ? journeyOptions : null), console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// The path summary to attribute: read from <c>--paths</c>, computed by DuckDB, or cut from the rows in memory (then
    /// with the journeys, which time decay needs).
    /// </summary>
    private static (PathSummary Paths, IReadOnlyList<Journey>? Journeys) ReadPaths(ParseResult parse, CliConsole console, Option<string?> touchpoints,
        Option<string?> conversions, Option<string?> pathsFile, Option<string?> currency, Option<string?> separator, Option<string> engine, Option<string?> interactions,
        Option<string> lookback, Option<bool> collapse, Option<bool> skipInvalid, JourneyOptions journeyOptions, string modelName)
    {
        if (parse.GetValue(pathsFile) is { } file)
        {
            CommonOptions.Refuse(parse, name => $"{name} does not go with --paths: {file} already holds the journeys' paths (cut with their own lookback and service contacts).",
                touchpoints, conversions, interactions, engine, lookback, collapse, skipInvalid);
            AttributionFigures.RefuseTimeDecayOnPaths(modelName, "a path summary", "give --touchpoints and --conversions");
            var code = parse.GetValue(currency) is { } c ? OptionParsing.ParseCurrency("--currency", c) : default;
            var read = Engines.ReadSummary(() => Sql.PathSummaryFile.Read(file, code, OptionParsing.ParsePathSeparator("--separator", parse.GetValue(separator))));
            return read.TotalConversions > 0 ? (read, null) : throw new CliInputException($"--paths: {file} has no conversions; there is nothing to attribute.");
        }
        if (parse.GetValue(touchpoints) is not { } touchpointsPath || parse.GetValue(conversions) is not { } conversionsPath)
        {
            throw new CliInputException("Give --touchpoints and --conversions (the tables), or --paths FILE (a path summary).");
        }
        CommonOptions.Refuse(parse, name => $"{name} goes with --paths (a path summary); the tables give the currency and the channels themselves.", currency, separator);
        string? interactionsPath = parse.GetValue(interactions);
        bool skip = parse.GetValue(skipInvalid);
        if (Engines.IsDuckDb(parse, engine, skip))
        {
            AttributionFigures.RefuseTimeDecayOnPaths(modelName, "the path summary of --engine duckdb", "use --engine memory");
            var paths = Engines.Run(duck =>
            {
                duck.AttachTouchpoints(touchpointsPath);
                duck.AttachConversions(conversionsPath);
                if (interactionsPath is not null)
                {
                    duck.AttachInteractions(interactionsPath);
                }
                return duck.Paths(journeyOptions, interactionsPath is not null);
            });
            return paths.TotalConversions > 0 ? (paths, null) : throw new CliInputException($"{conversionsPath}: no conversions; there is nothing to attribute.");
        }
        var touches = TableInput.ReadAll(touchpointsPath, skip, Data.Tables.OpenTouchpoints, console);
        var converted = TableInput.ReadAll(conversionsPath, skip, Data.Tables.OpenConversions, console);
        AttributionFigures.SingleCurrency(conversionsPath, converted);
        List<Interaction>? contacts = interactionsPath is not null ? TableInput.ReadAll(interactionsPath, skip, Data.Tables.OpenInteractions, console) : null;
        var journeys = JourneyBuilder.Build(touches, converted, contacts, journeyOptions);
        return (JourneyBuilder.Summarize(journeys), journeys);
    }
}
