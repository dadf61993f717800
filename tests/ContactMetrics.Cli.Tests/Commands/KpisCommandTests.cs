using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class KpisCommandTests
{
    private const string Header = "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces";

    /// <summary>Four contacts, hand-computed: two answered phone calls (waits 10 s and 30 s), one abandoned after 40 s, one chat answered after 5 s.</summary>
    private static string WriteFixture(TempDir dir)
    {
        string path = dir.File("interactions.csv");
        File.WriteAllLines(path,
        [
            Header,
            "I1,C1,A1,phone,inbound,q,billing,2025-03-30T00:30:00Z,2025-03-30T00:30:10Z,2025-03-30T00:35:10Z,300,0,60,true,0,5,10,7",
            "I2,C2,A1,phone,inbound,q,billing,2025-03-30T08:00:00Z,2025-03-30T08:00:30Z,2025-03-30T08:02:30Z,120,0,0,false,1,2,3,2",
            "I3,C1,,phone,inbound,q,billing,2025-03-31T09:00:00Z,,2025-03-31T09:00:40Z,0,0,0,,0,,,",
            "I4,C3,A2,chat,inbound,q,order,2025-03-31T10:00:00Z,2025-03-31T10:00:05Z,2025-03-31T10:10:05Z,600,0,0,,0,4,,",
        ]);
        return path;
    }

    /// <summary>Writes an interactions table of <paramref name="rows"/> under the header.</summary>
    private static string WriteRows(TempDir dir, string name, params string[] rows)
    {
        string path = dir.File(name);
        File.WriteAllLines(path, [Header, .. rows]);
        return path;
    }

    [Fact]
    public void Kpis_Overall_MatchesHandComputation()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var g = doc.RootElement.GetProperty("kpis").GetProperty("groups")[0];
        g.GetProperty("offered").GetInt64().Should().Be(4);
        g.GetProperty("abandoned").GetInt64().Should().Be(1);
        // AHT = (360 + 120 + 600) / 3 = 360 s.
        g.GetProperty("ahtSeconds").GetDouble().Should().BeApproximately(360, 1e-9);
        // ASA answered = (10 + 30 + 5) / 3 = 15 s.
        g.GetProperty("asaSeconds").GetDouble().Should().BeApproximately(15, 1e-9);
        // SL F3 at 20 s = 2 answered within (10 s, 5 s) / 4 queued.
        g.GetProperty("serviceLevel").GetDouble().Should().BeApproximately(0.5, 1e-12);
        // FCR: C1's billing call I1 is followed by I3 (abandoned, same reason, within 7 days): 2 of 3 handled inbound.
        g.GetProperty("fcr").GetDouble().Should().BeApproximately(2.0 / 3, 1e-12);
        // CSAT top-2-box: answers 5, 2, 4 -> 2/3. NPS: answers 10 and 3 -> 50 - 50 = 0.
        g.GetProperty("csat").GetDouble().Should().BeApproximately(2.0 / 3, 1e-12);
        g.GetProperty("nps").GetDouble().Should().BeApproximately(0, 1e-9);
        doc.RootElement.GetProperty("definitions").GetProperty("serviceLevel").GetString().Should().StartWith("F3");
    }

    [Fact]
    public void Kpis_PhoneAndEmail_QueueKpisLiveOnly_EmailServiceLevelNullInJsonAndNaInTables()
    {
        // One phone call answered in 10 s and one email answered a day later (issue #16's fixture, one of each).
        using var dir = new TempDir();
        string path = WriteRows(dir, "interactions.csv",
            "I1,C1,A1,phone,inbound,q,billing,2025-03-30T08:00:00Z,2025-03-30T08:00:10Z,2025-03-30T08:05:10Z,300,0,0,,0,,,",
            "I2,C2,A1,email,inbound,q,billing,2025-03-30T08:00:00Z,2025-03-31T08:00:00Z,2025-03-31T08:05:00Z,300,0,0,,0,,,");
        var overall = CliRun.Of("kpis", "--interactions", path, "--format", "json");
        overall.ExitCode.Should().Be(0, overall.Error);
        using (var doc = JsonDocument.Parse(overall.Out))
        {
            var g = doc.RootElement.GetProperty("kpis").GetProperty("groups")[0];
            g.GetProperty("asaSeconds").GetDouble().Should().BeApproximately(10, 1e-9, "the email's day is a response time, not a queue wait");
            g.GetProperty("serviceLevel").GetDouble().Should().Be(1.0);
            g.GetProperty("responseSeconds").GetDouble().Should().BeApproximately(86_400, 1e-6);
        }
        var json = CliRun.Of("kpis", "--interactions", path, "--by", "channel", "--format", "json");
        json.ExitCode.Should().Be(0, json.Error);
        using (var doc = JsonDocument.Parse(json.Out))
        {
            var email = doc.RootElement.GetProperty("kpis").GetProperty("groups").EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "email");
            email.GetProperty("serviceLevel").ValueKind.Should().Be(JsonValueKind.Null);
            email.GetProperty("responseWithinTarget").GetDouble().Should().Be(1.0, "answered in exactly 24 h, within the 24 h target");
        }
        var table = CliRun.Of("kpis", "--interactions", path, "--by", "channel");
        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Split('\n').Single(l => l.TrimStart().StartsWith("email ", StringComparison.Ordinal)).Should().Contain("n/a");
    }

    [Fact]
    public void Kpis_FormulaOption_ChangesServiceLevel()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--format", "json", "--sl-formula", "f2");
        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        // F2 = answered within / answered = 2 / 3.
        doc.RootElement.GetProperty("kpis").GetProperty("groups")[0].GetProperty("serviceLevel").GetDouble().Should().BeApproximately(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Kpis_ByChannelAndDayInAmsterdam_BucketsLocally()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--by", "channel", "--bucket", "day", "--time-zone", "Europe/Amsterdam", "--format", "csv");
        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().StartWith("channel,bucket_start,bucket_seconds,offered,");
        // phone on 2025-03-30 (a 23-hour day, 82,800 s), phone on 03-31, chat on 03-31.
        lines.Should().HaveCount(4);
        lines.Should().Contain(l => l.StartsWith("phone,2025-03-30T00:00:00+01:00,82800,2,", StringComparison.Ordinal));
    }

    [Fact]
    public void Kpis_UnknownTimeZone_ExitsWithTwo()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--bucket", "day", "--time-zone", "Mars/Olympus");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("Mars/Olympus");
    }

    [Fact]
    public void Kpis_AnsweredBeforeArrived_ExitsWithTwoNamingLineAndColumn()
    {
        using var dir = new TempDir();
        string path = WriteRows(dir, "bad.csv",
            "I1,C1,A1,phone,inbound,q,billing,2025-03-30T00:30:00Z,2025-03-30T00:29:00Z,2025-03-30T00:35:10Z,300,0,60,true,0,,,");
        var run = CliRun.Of("kpis", "--interactions", path);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("bad.csv").And.Contain("answered_at").And.Contain("2");
    }

    [Fact]
    public void Kpis_SegmentWithoutCustomers_ExitsWithTwo()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--by", "segment");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--customers");
    }

    [Fact]
    public async Task Kpis_OutParquet_WritesAFile()
    {
        using var dir = new TempDir();
        string outPath = dir.File("kpis.parquet");
        var run = CliRun.Of("kpis", "--interactions", WriteFixture(dir), "--by", "agent", "--out", outPath);
        run.ExitCode.Should().Be(0, run.Error);
        new FileInfo(outPath).Length.Should().BeGreaterThan(100);
        File.ReadAllBytes(outPath).Take(4).Should().Equal((byte)'P', (byte)'A', (byte)'R', (byte)'1');
        // Typed columns (#17 item 3): counts are INT64, rates and seconds DOUBLE, labels text.
        await using var stream = File.OpenRead(outPath);
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        var types = reader.Schema.GetDataFields().ToDictionary(f => f.Name, f => f.ClrType);
        types["offered"].Should().Be(typeof(long));
        types["handled"].Should().Be(typeof(long));
        types["aht_seconds"].Should().Be(typeof(double));
        types["agent"].Should().Match(t => t == typeof(string) || t == typeof(ReadOnlyMemory<char>), "Parquet.Net reads UTF-8 text as either");
    }
}
