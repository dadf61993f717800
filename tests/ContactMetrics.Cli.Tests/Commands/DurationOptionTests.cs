namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>Durations always carry a unit (DESIGN.md, "The command-line tool"): a bare number is exit 2 naming the option, the value and the fix.</summary>
public class DurationOptionTests
{
    [Theory]
    [InlineData("--horizon", "365", "retention", "uplift", "--customers", "c.csv", "--interactions", "i.csv", "--by", "first-contact-resolution")]
    [InlineData("--fcr-window", "7", "kpis", "--interactions", "i.csv")]
    [InlineData("--lookback", "30", "attribution", "--touchpoints", "t.csv", "--conversions", "c.csv", "--model", "markov")]
    [InlineData("--sl-threshold", "20", "kpis", "--interactions", "i.csv")]
    public void BareNumber_Exit2NamingTheOptionTheValueAndTheFix(string option, string value, params string[] command)
    {
        // Before: a bare number was seconds, so --horizon 365 was a 6-minute horizon and the run exited 0 (issue #16).
        var run = CliRun.Of([.. command, option, value]);

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain(option).And.Contain($"'{value}'").And.Contain($"{value}d");
        run.Error.Trim().Split('\n').Should().ContainSingle("the error is one line");
    }

    [Fact]
    public void DurationWithAUnit_IsAccepted_AndZeroNeedsNone()
    {
        using var dir = new TempDir();
        string path = dir.File("i.csv");
        File.WriteAllLines(path,
        [
            "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces",
            "I1,C1,A1,phone,inbound,q,billing,2025-03-30T08:00:00Z,2025-03-30T08:00:10Z,2025-03-30T08:05:10Z,300,0,0,,0,,,",
        ]);
        CliRun.Of("kpis", "--interactions", path, "--fcr-window", "7d").ExitCode.Should().Be(0);
        // A zero is zero in any unit: --short-abandon 0 turns short abandons off.
        CliRun.Of("kpis", "--interactions", path, "--short-abandon", "0").ExitCode.Should().Be(0);
    }
}
