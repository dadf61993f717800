using System.Text.Json;

namespace ContactMetrics.Cli.Tests;

/// <summary>Retention fits on degenerate data follow R's conventions (issue #14 item 2).</summary>
public class SurvivalEdgeTests
{
    private static CliRun Run(string csv, params string[] args)
    {
        using var dir = new TempDir();
        string path = dir.File("t.csv");
        File.WriteAllText(path, csv);
        return CliRun.Of(["retention", .. args.Select(a => a == "FILE" ? path : a), "--format", "json"]);
    }

    [Theory]
    // R 4.2.2, survival 3.5.3: survfit(Surv(time, status) ~ 1, conf.type = "plain") on times 1-5, all events: median 3, 0.95LCL 1,
    // 0.95UCL NA (the upper band is 0.55 at t = 4 and NA at t = 5, where S = 0). We used to read 5 off the band.
    [InlineData("time,status\n1,1\n2,1\n3,1\n4,1\n5,1\n", 3, 1)]
    // Same call on 1, 2, 2+, 3, 4, 6 (all events but one): median 3, 0.95LCL 2, 0.95UCL NA.
    [InlineData("time,status\n1,1\n2,1\n2,0\n3,1\n4,1\n6,1\n", 3, 2)]
    public void KmPlain_CurveReachesZero_UpperMedianLimitIsNull(string csv, double median, double lower)
    {
        var run = Run(csv, "km", "--table", "FILE", "--duration", "time", "--event", "status", "--conf-type", "plain");
        run.ExitCode.Should().Be(0, run.Error);
        var group = JsonDocument.Parse(run.Out).RootElement.EnumerateObject()
            .SelectMany(p => p.Value.ValueKind == JsonValueKind.Object ? p.Value.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            .Where(p => p.Value.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.Value.EnumerateArray())
            .First(r => r.TryGetProperty("medianUpper", out _));
        group.GetProperty("median").GetDouble().Should().Be(median);
        group.GetProperty("medianLower").GetDouble().Should().Be(lower);
        group.GetProperty("medianUpper").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Cox_ConstantAndCollinearCovariates_AreDroppedWithANote()
    {
        // x2 = 2x and c = 5 everywhere: R's coxph(Surv(time, status) ~ x + c + x2) prints NA for c and x2 ("not defined
        // because of singularities") and fits x alone. It used to print every coefficient 0 with NaN standard errors.
        const string Csv = "time,status,x,x2,c\n1,1,1,2,5\n2,1,0,0,5\n3,0,1,2,5\n4,1,0,0,5\n5,1,1,2,5\n6,0,0,0,5\n7,1,1,2,5\n";
        var withAll = Run(Csv, "cox", "--table", "FILE", "--duration", "time", "--event", "status", "--covariates", "x,c,x2");
        var alone = Run(Csv, "cox", "--table", "FILE", "--duration", "time", "--event", "status", "--covariates", "x");
        withAll.ExitCode.Should().Be(0, withAll.Error);
        withAll.Error.Should().Contain("note: c, x2 not defined because of singularities");
        var json = JsonDocument.Parse(withAll.Out).RootElement;
        json.GetProperty("cox").GetProperty("aliased").GetString().Should().Be("c,x2");
        var coefficients = json.GetProperty("parameters").GetProperty("coefficients");
        coefficients.GetArrayLength().Should().Be(1);
        double expected = JsonDocument.Parse(alone.Out).RootElement.GetProperty("parameters").GetProperty("coefficients")[0].GetProperty("coefficient").GetDouble();
        coefficients[0].GetProperty("coefficient").GetDouble().Should().Be(expected);
        // R 4.2.2, survival 3.5.3: coef(coxph(Surv(time, status) ~ x + c + x2)) = x -0.2439561, c NA, x2 NA.
        expected.Should().BeApproximately(-0.2439561, 1e-6);
        double.IsFinite(coefficients[0].GetProperty("standardError").GetDouble()).Should().BeTrue();
    }

    [Fact]
    public void Cox_OnlyConstantCovariates_Exits2()
    {
        var run = Run("time,status,c\n1,1,5\n2,0,5\n3,1,5\n", "cox", "--table", "FILE", "--duration", "time", "--event", "status", "--covariates", "c");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Should().Contain("--covariates: c is constant");
    }

    [Fact]
    public void Cox_PerfectSeparation_WarnsThatTheCoefficientMayBeInfinite()
    {
        // Every x = 1 subject has its event before any x = 0 subject: the partial likelihood rises as beta -> infinity
        // (R 4.2.2 on this table: "Ran out of iterations and did not converge"; where its loglik converges first, R warns
        // "coefficient may be infinite"). It used to pass without a word about the coefficient.
        const string Csv = "time,status,x,z\n1,1,1,0.5\n2,1,1,1.2\n3,1,1,0.3\n4,0,0,0.9\n5,0,0,1.1\n6,0,0,0.2\n7,1,0,0.7\n";
        var run = Run(Csv, "cox", "--table", "FILE", "--duration", "time", "--event", "status", "--covariates", "x,z");
        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain("the coefficient of x may be infinite");
        JsonDocument.Parse(run.Out).RootElement.GetProperty("cox").GetProperty("possiblyInfinite").GetString().Should().Be("x");
    }

    [Fact]
    public void Km_NaInTheGroupColumn_Exits2InsteadOfMakingAGroup()
    {
        // lung's ph.ecog has one NA: it became a fourth group (log-rank 29.82 on 4 df; R drops the row: 21.96 on 3 df).
        var run = Run("time,status,g\n1,1,a\n2,1,NA\n3,0,b\n", "km", "--table", "FILE", "--duration", "time", "--event", "status", "--group", "g");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Should().Contain("t.csv:3: column 'g': 'NA' is missing (NA)");
    }
}
