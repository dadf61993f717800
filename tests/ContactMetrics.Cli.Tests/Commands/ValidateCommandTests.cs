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
        doc.RootElement.GetProperty("errors").GetProperty("rows").GetArrayLength().Should().Be(0);
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

        var run = CliRun.Of("validate", "--interactions", path);

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

        var run = CliRun.Of("validate", "--interactions", path, "--format", "json");

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
