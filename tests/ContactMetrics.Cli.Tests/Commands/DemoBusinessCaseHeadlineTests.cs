using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContactMetrics.Cli.Tests.Commands;

public class DemoBusinessCaseHeadlineTests
{
    [Fact]
    public void Demo_BusinessCase_HeadlineLinesAndTornadoAreConsistent()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "4000", "--seed", "11", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var b = root.GetProperty("businessCase");
        double total = Amount(b.GetProperty("total")), p10 = Amount(b.GetProperty("p10")), p50 = Amount(b.GetProperty("p50")), p90 = Amount(b.GetProperty("p90"));

        // The headline states the point total and the P10-P90 in whole euros.
        var headline = Regex.Match(b.GetProperty("headline").GetString()!, @"^\+5 points FCR: €([\d,]+) a year \(P10 €([\d,]+) - P90 €([\d,]+)\)$");
        headline.Success.Should().BeTrue(b.GetProperty("headline").GetString());
        Whole(headline.Groups[1].Value).Should().Be(Math.Round(total));
        Whole(headline.Groups[2].Value).Should().Be(Math.Round(p10));
        Whole(headline.Groups[3].Value).Should().Be(Math.Round(p90));
        p10.Should().BeLessThanOrEqualTo(p50).And.BeGreaterThan(0);
        p50.Should().BeLessThanOrEqualTo(p90);
        b.GetProperty("iterations").GetInt32().Should().Be(10_000);
        b.GetProperty("seed").GetInt32().Should().Be(11);

        // Two lines, repeat contacts and churn; the total is their sum (each rounded to cents, so within a cent).
        var lines = b.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("line").GetString()).Should().Equal("FCR +5 points: repeat contacts avoided", "FCR +5 points: churn avoided");
        lines.Sum(l => Amount(l.GetProperty("value"))).Should().BeApproximately(total, 0.011);
        foreach (var line in lines)
        {
            Amount(line.GetProperty("p10")).Should().BeLessThanOrEqualTo(Amount(line.GetProperty("p90")));
            line.GetProperty("formula").GetString().Should().Contain(" = ");
            line.GetProperty("inputs").GetString().Should().Contain("(measured)").And.Contain("FCR gain 0.05 [0.03, 0.07] (assumed)");
        }

        // The tornado is ranked by swing, and its top entry moves the total across the point value.
        var tornado = root.GetProperty("businessCaseTornado").GetProperty("inputs").EnumerateArray().ToList();
        tornado.Should().NotBeEmpty();
        tornado.Select(t => Amount(t.GetProperty("swing"))).Should().BeInDescendingOrder();
        Amount(tornado[0].GetProperty("totalAtLow")).Should().BeLessThanOrEqualTo(total);
        Amount(tornado[0].GetProperty("totalAtHigh")).Should().BeGreaterThanOrEqualTo(total);
        tornado.Should().AllSatisfy(t => t.GetProperty("source").GetString().Should().MatchRegex("^(measured|assumed): "));

        var programme = root.GetProperty("businessCaseProgramme");
        programme.GetProperty("lines").GetArrayLength().Should().Be(5);
        Amount(programme.GetProperty("total")).Should().BeGreaterThan(total);
    }

    [Fact]
    public void Demo_SameSeed_SameBusinessCase()
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var first = CliRun.Of("demo", "--out", one.Path, "--customers", "1500", "--seed", "5", "--format", "json");
        var second = CliRun.Of("demo", "--out", two.Path, "--customers", "1500", "--seed", "5", "--format", "json");

        first.ExitCode.Should().Be(0, first.Error);
        JsonDocument.Parse(first.Out).RootElement.GetProperty("businessCase").GetRawText()
            .Should().Be(JsonDocument.Parse(second.Out).RootElement.GetProperty("businessCase").GetRawText());
    }

    [Fact]
    public void Demo_TinyCenter_BusinessCaseSaysWhyOrValues()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "30", "--seed", "2");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("Business case: FCR +5 points");
    }

    private static double Amount(JsonElement money) => money.GetProperty("amount").GetDouble();

    private static double Whole(string digits) => double.Parse(digits.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
