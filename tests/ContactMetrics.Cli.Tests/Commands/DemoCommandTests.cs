namespace ContactMetrics.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public void Demo_SmallCenter_WritesEveryTableAndSummarises()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "400", "--seed", "3", "--all-figures");

        run.ExitCode.Should().Be(0, run.Error);
        foreach (var table in new[] { "customers", "interactions", "purchases", "touchpoints", "conversions" })
        {
            var path = dir.File(table + ".csv");
            File.Exists(path).Should().BeTrue(table);
            File.ReadLines(path).Count().Should().BeGreaterThan(1, $"{table} has rows besides its header");
        }
        File.ReadLines(dir.File("customers.csv")).Count().Should().Be(401, "one header line and 400 customers");
        run.Out.Should().Contain("KPIs by channel").And.Contain("phone").And.Contain("Tables written").And.Contain("Customer lifetime value")
            .And.Contain("Retention: first contact resolved vs not").And.Contain("Business case: FCR +5 points")
            .And.NotContain("the report's chart", "chart series are in JSON only");
    }

    [Fact]
    public void Demo_SameSeed_WritesIdenticalTables()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        CliRun.Of("demo", "--out", a.Path, "--customers", "150", "--seed", "11").ExitCode.Should().Be(0);
        CliRun.Of("demo", "--out", b.Path, "--customers", "150", "--seed", "11").ExitCode.Should().Be(0);
        foreach (var table in new[] { "customers", "interactions", "purchases", "touchpoints", "conversions" })
        {
            File.ReadAllText(a.File(table + ".csv")).Should().Be(File.ReadAllText(b.File(table + ".csv")), table);
        }
    }

    [Fact]
    public void Demo_StreamedSummaryAndHeldAllFigures_WriteByteIdenticalTables()
    {
        // The one-screen demo streams the world to disk (ContactCenterSimulator.Stream); --all-figures holds it in memory
        // (ContactCenterSimulator.Generate) for the planted-effect checks. Same seed, same bytes in every file but the page.
        using var streamed = new TempDir();
        using var held = new TempDir();
        CliRun.Of("demo", "--out", streamed.Path, "--customers", "500", "--seed", "8", "--preset", "insurer").ExitCode.Should().Be(0);
        CliRun.Of("demo", "--out", held.Path, "--customers", "500", "--seed", "8", "--preset", "insurer", "--all-figures").ExitCode.Should().Be(0);

        foreach (var file in new[] { "customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv", "rates.json" })
        {
            File.ReadAllBytes(streamed.File(file)).Should().Equal(File.ReadAllBytes(held.File(file)), file);
        }
        Directory.GetFileSystemEntries(streamed.Path).Should().HaveCount(7, "the five tables, rates.json and report.html: the work files are gone");
    }

    [Fact]
    public void Demo_ZeroCustomers_ExitsWithTwo()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "0");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--customers");
    }

    [Fact]
    public void UnknownOption_ExitsWithTwo()
    {
        var run = CliRun.Of("demo", "--bogus");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--bogus");
    }

    [Fact]
    public void UnknownCommand_ExitsWithTwo()
    {
        CliRun.Of("frobnicate").ExitCode.Should().Be(2);
    }
}
