using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class ValidateCommandTests
{
    private const string Header = "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces";

    [Fact]
    public void Validate_DemoTables_AcceptsEveryRow()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "300").ExitCode.Should().Be(0);

        var run = CliRun.Of("validate",
            "--interactions", dir.File("interactions.csv"),
            "--customers", dir.File("customers.csv"),
            "--purchases", dir.File("purchases.csv"),
            "--touchpoints", dir.File("touchpoints.csv"),
            "--conversions", dir.File("conversions.csv"),
            "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var files = doc.RootElement.GetProperty("validation").GetProperty("files").EnumerateArray().ToList();
        files.Should().HaveCount(5);
        foreach (var f in files)
        {
            f.GetProperty("rowsRejected").GetInt64().Should().Be(0);
            f.GetProperty("rowsAccepted").GetInt64().Should().Be(f.GetProperty("rowsRead").GetInt64());
        }
        // Nothing rejected: no empty "Rejected rows" sections.
        doc.RootElement.TryGetProperty("problems", out _).Should().BeFalse();
        doc.RootElement.TryGetProperty("errors", out _).Should().BeFalse();
    }

    [Fact]
    public void Validate_MalformedCsv_ExitsWithTwoNamingFileLineColumnAndReason()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.csv");
        File.WriteAllLines(path,
        [
            Header,
            "I1,C1,A1,phone,inbound,q,billing,2025-03-01T09:00:00Z,2025-03-01T09:00:20Z,2025-03-01T09:05:00Z,240,10,30,true,0,5,9,6",
            "I2,C1,A1,fax,inbound,q,billing,2025-03-01T09:00:00Z,,2025-03-01T09:05:00Z,0,0,0,,0,,,",
            "I3,C2,A1,phone,inbound,q,billing,2025-03-01T09:00:00Z,,2025-03-01T08:05:00Z,0,0,0,,0,,,",
            "I4,C2,A1,phone,inbound,q,billing,not-a-time,,2025-03-01T08:05:00Z,0,0,0,,0,,,",
        ]);

        var run = CliRun.Of("validate", "--interactions", path, "--all-errors");

        run.ExitCode.Should().Be(2);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Line 3 column 4 (channel 'fax'); line 4 column 10 (ended_at before arrived_at); line 5 column 8 (bad instant).
        lines.Should().Contain(l => l.Contains("bad.csv") && l.Contains('3') && l.Contains("channel") && l.Contains("fax"));
        lines.Should().Contain(l => l.Contains("bad.csv") && l.Contains('4') && l.Contains("ended_at"));
        lines.Should().Contain(l => l.Contains("bad.csv") && l.Contains('5') && l.Contains("arrived_at") && l.Contains("not-a-time"));
        run.Out.Should().Contain("Rejected rows");
    }

    [Fact]
    public void Validate_MalformedCsv_JsonReportCountsEveryRow()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.csv");
        File.WriteAllLines(path,
        [
            Header,
            "I1,C1,A1,phone,inbound,q,billing,2025-03-01T09:00:00Z,2025-03-01T09:00:20Z,2025-03-01T09:05:00Z,240,10,30,true,0,5,9,6",
            "I2,C1,A1,phone,inbound,q,billing,2025-03-01T09:00:00Z,,2025-03-01T09:05:00Z,0,0,0,,0,7,,",
        ]);

        var run = CliRun.Of("validate", "--interactions", path, "--format", "json", "--all-errors");

        run.ExitCode.Should().Be(2);
        using var doc = JsonDocument.Parse(run.Out);
        var file = doc.RootElement.GetProperty("validation").GetProperty("files")[0];
        file.GetProperty("rowsRead").GetInt64().Should().Be(2);
        file.GetProperty("rowsAccepted").GetInt64().Should().Be(1);
        file.GetProperty("rowsRejected").GetInt64().Should().Be(1);
        var error = doc.RootElement.GetProperty("errors").GetProperty("rows")[0];
        error.GetProperty("line").GetInt64().Should().Be(3);
        error.GetProperty("column").GetInt64().Should().Be(16, "csat is the 16th column");
        error.GetProperty("columnName").GetString().Should().Be("csat");
    }

    [Fact]
    public void Validate_OneSystematicProblem_IsOneLineWithItsCountFirstLinesAndAnExample()
    {
        // 199 rows with a day-first date (one export problem), 1 with an unknown channel, 1 good row: by hand, two groups:
        // arrived_at 199 rows (lines 2-200, first 2, 3, 4) and channel 1 row (line 201); 200 rejected = 199 + 1.
        using var dir = new TempDir();
        string path = dir.File("export.csv");
        var rows = new List<string> { Header };
        for (int k = 0; k < 199; k++)
        {
            rows.Add($"I{k},C1,A1,phone,inbound,q,billing,{1 + (k % 28):00}/03/2025 09:00,,,0,0,0,,0,,,");
        }
        rows.Add("X1,C1,A1,fax,inbound,q,billing,2025-03-01T09:00:00Z,,2025-03-01T09:05:00Z,0,0,0,,0,,,");
        rows.Add("OK,C1,A1,phone,inbound,q,billing,2025-03-01T09:00:00Z,2025-03-01T09:00:20Z,2025-03-01T09:05:00Z,240,10,30,true,0,5,9,6");
        File.WriteAllLines(path, rows);

        var run = CliRun.Of("validate", "--interactions", path, "--format", "json");

        run.ExitCode.Should().Be(2);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3, "one line per column and reason, and the total");
        lines[0].Should().StartWith($"{path}: 199 rows rejected: column 'arrived_at': ").And.Contain("(lines 2, 3, 4, ...; e.g. '01/03/2025 09:00')");
        lines[1].Should().StartWith($"{path}: 1 row rejected: column 'channel': ").And.Contain("(lines 201; e.g. 'fax')");
        using var doc = JsonDocument.Parse(run.Out);
        var groups = doc.RootElement.GetProperty("problems").GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("rows").GetInt64()).Should().Equal(199, 1);
        groups[0].GetProperty("column").GetString().Should().Be("arrived_at");
        groups[0].GetProperty("firstLines").GetString().Should().Be("2, 3, 4");
        doc.RootElement.GetProperty("validation").GetProperty("files")[0].GetProperty("rowsRejected").GetInt64().Should().Be(200);
        doc.RootElement.TryGetProperty("errors", out _).Should().BeFalse("the row list is behind --all-errors");
    }

    [Fact]
    public void Validate_MissingRequiredColumn_ExitsWithTwo()
    {
        using var dir = new TempDir();
        string path = dir.File("noheader.csv");
        File.WriteAllLines(path, ["customer_id,channel", "C1,phone"]);
        var run = CliRun.Of("validate", "--interactions", path);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("noheader.csv").And.Contain("interaction_id");
    }

    [Fact]
    public void Validate_MissingFile_ExitsWithTwo()
    {
        var run = CliRun.Of("validate", "--interactions", "/nonexistent/interactions.csv");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("interactions.csv");
    }

    [Fact]
    public void Validate_WithoutInteractions_ExitsWithTwo()
    {
        CliRun.Of("validate").ExitCode.Should().Be(2);
    }

    [Fact]
    public void Validate_OutCsv_WritesTheFileSummary()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "100").ExitCode.Should().Be(0);
        string report = dir.File("report.csv");
        var run = CliRun.Of("validate", "--interactions", dir.File("interactions.csv"), "--out", report);
        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(report);
        lines[0].Should().Be("table,file,rows_read,rows_accepted,rows_rejected");
        lines.Should().HaveCount(2);
    }
}
