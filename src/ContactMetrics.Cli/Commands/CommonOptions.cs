using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;

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

    public void Write(ParseResult parse, FigureSheet output, CliConsole console) =>
        OutputWriter.Write(output, parse.GetValue(Format), parse.GetValue(Out), console, parse.GetValue(RawCsv));
}
