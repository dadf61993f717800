using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public void Demo_SmallCenter_WritesEveryTableAndSummarises()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "400", "--seed", "3");

        run.ExitCode.Should().Be(0, run.Error);
        foreach (var table in new[] { "customers", "interactions", "purchases", "touchpoints", "conversions" })
        {
            var path = dir.File(table + ".csv");
            File.Exists(path).Should().BeTrue(table);
            File.ReadLines(path).Count().Should().BeGreaterThan(1, $"{table} has rows besides its header");
        }
        File.ReadLines(dir.File("customers.csv")).Count().Should().Be(401, "one header line and 400 customers");
        run.Out.Should().Contain("Contacts by channel").And.Contain("phone").And.Contain("Tables written");
    }

    [Fact]
    public void Demo_JsonFormat_IsCamelCaseWithCounts()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "200", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var overview = doc.RootElement.GetProperty("sampleContactCenter");
        overview.GetProperty("customers").GetInt32().Should().Be(200);
        int contacts = overview.GetProperty("contacts").GetInt32();
        contacts.Should().BeGreaterThan(0);
        var channels = doc.RootElement.GetProperty("contactsByChannel").GetProperty("channels");
        channels.EnumerateArray().Sum(c => c.GetProperty("contacts").GetInt32()).Should().Be(contacts);
        channels.EnumerateArray().Sum(c => c.GetProperty("share").GetDouble()).Should().BeApproximately(1.0, 1e-9);
    }

    [Fact]
    public void Demo_Json_HasTheServiceAttributionSection()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "400", "--seed", "3", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var section = doc.RootElement.GetProperty("serviceAttribution");
        double conversions = section.GetProperty("conversions").GetDouble();
        conversions.Should().Be(File.ReadLines(dir.File("conversions.csv")).Count() - 1);
        section.GetProperty("serviceAssistedConversions").GetDouble().Should().BeInRange(0, conversions);
        section.GetProperty("serviceAssistedShare").GetDouble().Should().BeInRange(0, 1);
        section.GetProperty("markovServiceConversions").GetDouble().Should().BeInRange(0, conversions);
        section.GetProperty("plantedServiceLift").GetDouble().Should().Be(1.5);
        section.GetProperty("conversionRateWithService").GetDouble().Should().BeInRange(0, 1);
        section.GetProperty("controlConversionRateWithService").GetDouble().Should().BeInRange(0, 1);
        // The simulation's control lacks exactly the conversions the planted lift (1.5 > 1) added, so never has more.
        section.GetProperty("controlConversions").GetDouble().Should().BeInRange(0, conversions);
        section.GetProperty("value").GetProperty("currency").GetString().Should().NotBeNullOrEmpty();
        var channels = section.GetProperty("serviceChannels").EnumerateArray().ToList();
        channels.Should().NotBeEmpty();
        channels.Should().OnlyContain(c => c.GetProperty("channel").GetString()!.StartsWith("service:"));
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
