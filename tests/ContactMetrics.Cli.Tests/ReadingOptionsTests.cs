using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests;

/// <summary>
/// The reading options of every reading command (issue #14 item 5): parsed once, bad values exit 2 naming the option,
/// and a European export, a mapped file, gzip, standard input and a glob read as the standard file does.
/// </summary>
public class ReadingOptionsTests
{
    // Three interactions as a standard file and as a European Excel export of the same rows (see the Data tests for the
    // instants: 09:15 in Amsterdam in March is 08:15Z, 14:00 in July is 12:00Z).
    private const string Standard =
        "interaction_id,channel,arrived_at,answered_at,ended_at,talk_seconds,resolved\n" +
        "i-1,phone,2025-03-05T09:15:00+01:00,2025-03-05T09:16:00+01:00,2025-03-05T09:21:00+01:00,185.5,true\n" +
        "i-2,chat,2025-07-01T14:00:00+02:00,2025-07-01T14:01:00+02:00,2025-07-01T14:03:00+02:00,12.25,false\n" +
        "i-3,phone,2025-12-24T23:59:00+01:00,,2025-12-25T00:10:00+01:00,,\n";

    private const string European =
        "interaction_id;channel;arrived_at;answered_at;ended_at;talk_seconds;resolved\n" +
        "i-1;phone;05/03/2025 09:15;05/03/2025 09:16;05/03/2025 09:21;185,5;yes\n" +
        "i-2;chat;01/07/2025 14:00;01/07/2025 14:01;01/07/2025 14:03;12,25;no\n" +
        "i-3;phone;24/12/2025 23:59;;25/12/2025 00:10;;\n";

    private static readonly string[] EuropeanOptions =
        ["--delimiter", ";", "--decimal-comma", "--date-format", "dd/MM/yyyy HH:mm", "--input-time-zone", "Europe/Amsterdam"];

    [Fact]
    public void Kpis_EuropeanExport_PrintsWhatTheStandardFilePrints()
    {
        using var dir = new TempDir();
        string standard = Write(dir, "standard.csv", Standard);
        string european = Write(dir, "european.csv", European);

        var expected = CliRun.Of("kpis", "--interactions", standard, "--format", "csv");
        var run = CliRun.Of(["kpis", "--interactions", european, "--format", "csv", .. EuropeanOptions]);

        expected.ExitCode.Should().Be(0, expected.Error);
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Be(expected.Out);
        // The coerced values are said once per column on stderr.
        run.Error.Should().Contain($"contactmetrics: note: {european}: column 3 'arrived_at': 3 local times without a UTC offset, read as Europe/Amsterdam time (first on line 2)")
            .And.Contain($"contactmetrics: note: {european}: column 6 'talk_seconds': 2 numbers with a decimal comma (first on line 2)")
            .And.Contain("column 7 'resolved': 2 values spelled yes or no, read as true or false");
    }

    [Fact]
    public void Kpis_EuropeanExport_NotesAreInTheJson()
    {
        using var dir = new TempDir();
        string european = Write(dir, "european.csv", European);

        var run = CliRun.Of(["kpis", "--interactions", european, "--format", "json", .. EuropeanOptions]);

        run.ExitCode.Should().Be(0, run.Error);
        JsonDocument.Parse(run.Out).RootElement.GetProperty("readingNotes").GetProperty("notes").GetProperty(european).GetString()
            .Should().Contain("column 6 'talk_seconds': 2 numbers with a decimal comma (first on line 2)");
    }

    [Fact]
    public void Validate_MappedFile_ReadsEveryRow()
    {
        using var dir = new TempDir();
        string mapped = Write(dir, "mapped.csv", Standard.Replace("interaction_id,channel,arrived_at,answered_at,ended_at", "Contact ID,Media Type,Start,Answered,End"));

        var run = CliRun.Of("validate", "--interactions", mapped, "--map", "interaction_id=Contact ID,channel=Media Type,arrived_at=Start,answered_at=Answered,ended_at=End", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var file = JsonDocument.Parse(run.Out).RootElement.GetProperty("validation").GetProperty("files")[0];
        (file.GetProperty("rowsRead").GetInt64(), file.GetProperty("rowsAccepted").GetInt64()).Should().Be((3, 3));
    }

    [Fact]
    public void Validate_SaysTheReadersNotes()
    {
        using var dir = new TempDir();
        string european = Write(dir, "european.csv", European);

        var run = CliRun.Of(["validate", "--interactions", european, "--format", "json", .. EuropeanOptions]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain($"contactmetrics: note: {european}: column 7 'resolved': 2 values spelled yes or no, read as true or false (first on line 2)");
        JsonDocument.Parse(run.Out).RootElement.GetProperty("readingNotes").GetProperty("notes").GetProperty(european).GetString()
            .Should().Contain("column 3 'arrived_at': 3 local times without a UTC offset");
    }

    [Fact]
    public void Validate_NaiveTimesAcrossTheSpringGap_RowsReadAreAcceptedPlusRejected()
    {
        // 2025-03-30 02:30 does not exist in Amsterdam (clocks 02:00 -> 03:00): that row is rejected naming the fix.
        using var dir = new TempDir();
        string path = Write(dir, "t.csv", "customer_id,occurred_at,channel\nc,2025-03-30T01:30:00,seo\nc,2025-03-30T02:30:00,seo\nc,2025-03-30T03:30:00,seo\n");

        var run = CliRun.Of("validate", "--interactions", Write(dir, "i.csv", "interaction_id,channel,arrived_at,ended_at\n"), "--touchpoints", path,
            "--input-time-zone", "Europe/Amsterdam", "--format", "json", "--all-errors");

        run.ExitCode.Should().Be(2);
        var file = JsonDocument.Parse(run.Out).RootElement.GetProperty("validation").GetProperty("files")[1];
        (file.GetProperty("rowsRead").GetInt64(), file.GetProperty("rowsAccepted").GetInt64(), file.GetProperty("rowsRejected").GetInt64()).Should().Be((3, 2, 1));
        run.Error.Should().Contain($"{path}, line 3, column 2: occurred_at '2025-03-30T02:30:00' is a local time that does not exist in Europe/Amsterdam: the clocks skip it when they go forward (2025-03-30T02:30:00); correct the time, or write it with its UTC offset");
    }

    [Fact]
    public void Kpis_GzipAndStandardInput_PrintWhatThePlainFilePrints()
    {
        using var dir = new TempDir();
        string plain = Write(dir, "i.csv", Standard);
        string gz = dir.File("i.csv.gz");
        using (var zip = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
        {
            zip.Write(Encoding.UTF8.GetBytes(Standard));
        }

        var expected = CliRun.Of("kpis", "--interactions", plain, "--format", "csv");
        var fromGzip = CliRun.Of("kpis", "--interactions", gz, "--format", "csv");
        var fromStdin = CliRun.WithInput(Encoding.UTF8.GetBytes(Standard), "kpis", "--interactions", "-", "--format", "csv");

        expected.ExitCode.Should().Be(0, expected.Error);
        fromGzip.Out.Should().Be(expected.Out, fromGzip.Error);
        fromStdin.Out.Should().Be(expected.Out, fromStdin.Error);
    }

    [Fact]
    public void StandardInput_ErrorsNameStdin_AndItIsReadOnce()
    {
        var bad = CliRun.WithInput(Encoding.UTF8.GetBytes("interaction_id,channel,arrived_at,ended_at\ni-1,fax,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n"),
            "kpis", "--interactions", "-");
        var twice = CliRun.WithInput(Encoding.UTF8.GetBytes(Standard), "validate", "--interactions", "-", "--customers", "-");

        bad.ExitCode.Should().Be(2);
        bad.Error.Should().StartWith("contactmetrics: stdin, line 2, column 2: channel 'fax' is not a channel");
        twice.ExitCode.Should().Be(2);
        twice.Error.Trim().Should().Be("contactmetrics: -: standard input can hold one table, and another one was read from it; give this table as a file.");
    }

    [Fact]
    public void Kpis_GlobOfTwoParts_PrintsWhatTheConcatenatedFilePrints()
    {
        using var dir = new TempDir();
        string whole = Write(dir, "whole.csv", Standard);
        var lines = Standard.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Directory.CreateDirectory(dir.File("parts"));
        Write(dir, "parts/a.csv", $"{lines[0]}\n{lines[1]}\n");
        Write(dir, "parts/b.csv", $"{lines[0]}\n{lines[2]}\n{lines[3]}\n");

        var expected = CliRun.Of("kpis", "--interactions", whole, "--format", "csv");
        var globbed = CliRun.Of("kpis", "--interactions", dir.File("parts/*.csv"), "--format", "csv");
        var folder = CliRun.Of("validate", "--interactions", dir.File("parts"), "--format", "json");

        globbed.ExitCode.Should().Be(0, globbed.Error);
        globbed.Out.Should().Be(expected.Out);
        var file = JsonDocument.Parse(folder.Out).RootElement.GetProperty("validation").GetProperty("files")[0];
        (file.GetProperty("rowsRead").GetInt64(), file.GetProperty("rowsAccepted").GetInt64()).Should().Be((3, 3));
    }

    [Theory]
    [InlineData("--delimiter", ":", "contactmetrics: --delimiter: ':' is not a delimiter; use , ; tab or | (quote ; and | in a shell: --delimiter ';').")]
    [InlineData("--date-format", "dd/MM/yyyy HH:qq", "contactmetrics: --date-format: 'dd/MM/yyyy HH:qq' is not a date and time pattern")]
    [InlineData("--date-format", "HH:mm", "contactmetrics: --date-format: 'HH:mm' has no year field (yyyy or uuuu): every date needs its year.")]
    [InlineData("--input-time-zone", "Europe/Amsterdm", "contactmetrics: --input-time-zone: unknown time zone 'Europe/Amsterdm'; use an IANA name such as Europe/Amsterdam or UTC.")]
    [InlineData("--map", "custmer_id=ID", "contactmetrics: --map: 'custmer_id=ID': 'custmer_id' is not a column of any table (did you mean customer_id?); the columns are ")]
    [InlineData("--map", "genesys", "contactmetrics: --map: 'genesys' is neither schema_column=FileColumn nor a preset (cdnow).")]
    public void BadReadingOption_Exits2WithOneLineNamingOptionValueAndFix(string option, string value, string message)
    {
        using var dir = new TempDir();
        string path = Write(dir, "i.csv", Standard);

        var run = CliRun.Of("kpis", "--interactions", path, option, value);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith(message);
        run.Error.TrimEnd().Should().NotContain("\n");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void ReadingOptions_WithTheDuckDbEngine_Exit2()
    {
        using var dir = new TempDir();
        string path = Write(dir, "i.csv", Standard);

        var run = CliRun.Of("kpis", "--interactions", path, "--engine", "duckdb", "--delimiter", ";");

        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Be("contactmetrics: --delimiter: the duckdb engine reads comma-separated CSV with ISO-8601 times as they are; use --engine memory for the reading options.");
    }

    [Fact]
    public void ReadingOptions_AreOnEveryReadingCommandOnly()
    {
        var root = CliApp.BuildRootCommand(new CliConsole(TextWriter.Null, TextWriter.Null));
        foreach (var path in ReadingOptions.ReadingCommands)
        {
            var command = path.Aggregate((System.CommandLine.Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
            command.Options.Select(o => o.Name).Should().Contain(["--delimiter", "--decimal-comma", "--date-format", "--input-time-zone", "--map"], string.Join(" ", path));
        }
        root.Subcommands.Single(c => c.Name == "staffing").Options.Select(o => o.Name).Should().NotContain("--delimiter");
    }

    [Fact]
    public void Report_FolderReadersNotesReachStderr()
    {
        using var dir = new TempDir();
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 800 });
        DemoCommand.WriteTables(center, dir.Path);
        string customers = dir.File("customers.csv");
        var lines = File.ReadAllLines(customers);
        File.WriteAllLines(customers, lines.Select((line, i) => i == 0 ? line + ",segmnt" : line + ",x"));

        var run = CliRun.Of("report", "--data", dir.Path, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain($"contactmetrics: note: {customers}: column 5 'segmnt' not part of the customers schema; ignored");
    }

    private static string Write(TempDir dir, string name, string text)
    {
        string path = dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
