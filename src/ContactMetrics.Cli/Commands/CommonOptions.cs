using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;
using ContactMetrics.Tables;

namespace ContactMetrics.Cli.Commands;

/// <summary>The options every command takes: <c>--format table|json|csv</c> and <c>--out FILE</c>.</summary>
internal sealed class CommonOptions
{
    public Option<OutputFormat> Format { get; } = new("--format")
    {
        Description = "Output format: table (readable; the default), json (camelCase, rates 0-1, durations in seconds) or csv.",
        HelpName = "table|json|csv",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Also write the result to FILE (.csv, .parquet or .json).",
        HelpName = "FILE",
    };

    public Option<bool> RawCsv { get; } = new("--raw-csv")
    {
        Description = "Write CSV text cells as they are. By default a text cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe so that a spreadsheet shows it instead of running it as a formula.",
    };

    public void AddTo(Command command)
    {
        command.Add(Format);
        command.Add(Out);
        command.Add(RawCsv);
    }

    /// <summary>The <c>--confidence</c> option of the intervals (default 0.95).</summary>
    public static Option<double> Confidence(string of = "the intervals") => new("--confidence") { Description = $"Confidence level of {of}.", DefaultValueFactory = _ => 0.95 };

    /// <summary>The <c>--skip-invalid</c> option of the commands that read tables.</summary>
    public static Option<bool> SkipInvalid() => new("--skip-invalid") { Description = "Leave out invalid rows (counted on stderr) instead of stopping at the first." };

    /// <summary>The level of <paramref name="confidence"/>, checked to be in (0, 1).</summary>
    public static double Level(ParseResult parse, Option<double> confidence) => OptionParsing.ParseLevel("--confidence", parse.GetValue(confidence));

    /// <summary>Whether the user gave <paramref name="option"/> (not its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>Refuses the first of <paramref name="options"/> the user gave: an input error, <paramref name="why"/> of its name.</summary>
    public static void Refuse(ParseResult parse, Func<string, string> why, params Option[] options)
    {
        if (options.FirstOrDefault(o => Given(parse, o)) is { } given)
        {
            throw new CliInputException(why(given.Name));
        }
    }

    public void Write(ParseResult parse, FigureSheet output, CliConsole console) =>
        OutputWriter.Write(output, parse.GetValue(Format), parse.GetValue(Out), console, parse.GetValue(RawCsv));
}

/// <summary>The repeat rule of FCR and repeat chains: <c>--fcr-window</c>, <c>--fcr-any-reason</c>, <c>--fcr-same-channel</c> (kpis, cost).</summary>
internal sealed class RepeatOptions
{
    public Option<string> Window { get; } = new("--fcr-window") { Description = "A contact followed by another within this window (same reason) was not resolved first time; the two join one repeat chain.", DefaultValueFactory = _ => "7d" };

    public Option<bool> AnyReason { get; } = new("--fcr-any-reason") { Description = "Count a repeat on any reason (default: same reason only)." };

    public Option<bool> SameChannel { get; } = new("--fcr-same-channel") { Description = "Count a repeat only on the same channel (default: any agent channel)." };

    /// <summary>The three options, to add to a command or to check which were given.</summary>
    public Option[] All => [Window, AnyReason, SameChannel];

    /// <summary>The rule the options give, counting FCR by <paramref name="basis"/>.</summary>
    public RepeatContactOptions Read(ParseResult parse, FcrBasis basis = FcrBasis.Issue) =>
        new(OptionParsing.ParsePositiveDuration("--fcr-window", parse.GetValue(Window)!), !parse.GetValue(AnyReason),
            parse.GetValue(SameChannel) ? RepeatChannelScope.SameChannel : RepeatChannelScope.AnyChannel, basis);
}
