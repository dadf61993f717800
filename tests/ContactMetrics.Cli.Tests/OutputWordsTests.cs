using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests;

/// <summary>Tables speak words, not the library's member names (issue #17 item 3: "AnsweredWithinThresholdOverOffered", "tenureYears").</summary>
public sealed class OutputWordsTests
{
    [Fact]
    public void Staffing_Table_NamesTheDefinitionAndTheBindingTargetInWords()
    {
        var run = CliRun.Of("staffing", "--contacts", "100", "--aht", "180s", "--target", "80/20");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("service level 0.8 within 20 s (answered within the threshold / offered (F3))");
        run.Out.Should().MatchRegex(@"Limiting target\s+service level");
        run.Out.Should().NotContain("AnsweredWithinThresholdOverOffered").And.NotContain("ServiceLevel");
    }

    [Fact]
    public void RetentionUplift_Table_NamesTheTenureCovariateInWords()
    {
        using var dir = new TempDir();
        string lake = dir.File("lake");
        DemoCommand.WriteTables(ContactCenterSimulator.Generate(new SimulationOptions { Seed = 9, Customers = 300 }), lake);

        var run = CliRun.Of("retention", "uplift", "--customers", Path.Combine(lake, "customers.csv"), "--interactions", Path.Combine(lake, "interactions.csv"),
            "--by", "first-contact-resolution", "--horizon", "180d");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().MatchRegex(@"Adjusted for\s+tenure \(years\), segment \(strata\)");
        run.Out.Should().NotContain("tenureYears");
    }
}
