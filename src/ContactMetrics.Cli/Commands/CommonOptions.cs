using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;

namespace ContactMetrics.Cli.Commands;

/// <summary>The options every command takes: <c>--format table|json|csv</c> and <c>--out FILE</c>.</summary>
internal sealed class CommonOptions
{
    public Option<OutputFormat> Format { get; } = new("--format")
    {
        Description = "Output format: table (readable), json (camelCase, rates 0-1, durations in seconds) or csv.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Also write the result to FILE (.csv, .parquet or .json).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Add(Format);
        command.Add(Out);
    }

    public void Write(ParseResult parse, FigureSheet output, CliConsole console) =>
        OutputWriter.Write(output, parse.GetValue(Format), parse.GetValue(Out), console);
}
