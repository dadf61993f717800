using ContactMetrics.Cli.Output;
using ContactMetrics.Reporting;

namespace ContactMetrics.Cli.Tests;

/// <summary>CSV exports neutralise formula prefixes in text cells (CWE-1236, issue #14 item 7); numbers stay numbers.</summary>
public class CsvFormulaTests
{
    private static FigureSheet Sheet()
    {
        var sheet = new FigureSheet();
        sheet.Add("s", "S").SetTable("rows", new FigureColumn("name", "Name"), new FigureColumn("value", "Value", true))
            .Row("=HYPERLINK(\"http://x\")", -12.5)
            .Row("+1", 3.0)
            .Row("-promo", -1.0)
            .Row("@sum", 0.0)
            .Row("\tlead", 1.0)
            .Row("plain-name", 2.0);
        return sheet;
    }

    private static string Csv(bool raw)
    {
        var stdout = new StringWriter();
        OutputWriter.Write(Sheet(), OutputFormat.Csv, null, new CliConsole(stdout, new StringWriter()), raw);
        return stdout.ToString();
    }

    [Fact]
    public void Csv_TextCellsWithFormulaPrefixes_GetAnApostropheAndNegativeNumbersDoNot()
    {
        var lines = Csv(raw: false).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "name,value",
            "\"'=HYPERLINK(\"\"http://x\"\")\",-12.5",
            "'+1,3",
            "'-promo,-1",
            "'@sum,0",
            "'\tlead,1",
            "plain-name,2");
    }

    [Fact]
    public void Csv_RawCsv_WritesTextAsItIs()
    {
        var lines = Csv(raw: true).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        lines[1].Should().Be("\"=HYPERLINK(\"\"http://x\"\")\",-12.5");
        lines[3].Should().Be("-promo,-1");
    }

    [Fact]
    public void Attribution_ChannelNamedAsAFormula_IsNeutralisedInTheCsvExport()
    {
        using var dir = new TempDir();
        string touchpoints = dir.File("t.csv");
        File.WriteAllText(touchpoints, "customer_id,occurred_at,channel\nc1,2025-03-01T09:00:00Z,=1+1\nc1,2025-03-02T09:00:00Z,email\n");
        string conversions = dir.File("v.csv");
        File.WriteAllText(conversions, "customer_id,occurred_at,value,currency\nc1,2025-03-03T09:00:00Z,10,EUR\n");
        string output = dir.File("out.csv");
        var run = CliRun.Of("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "linear", "--out", output);
        run.ExitCode.Should().Be(0, run.Error);
        var text = File.ReadAllText(output);
        text.Should().Contain("'=1+1").And.NotContain(",=1+1");
        var raw = CliRun.Of("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "linear", "--format", "csv", "--raw-csv");
        raw.Out.Should().Contain("=1+1").And.NotContain("'=1+1");
    }
}
