using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class ClvCommandTests
{
    /// <summary>The raw CDNOW sample log (../shared/data) rewritten as a purchases table: one row per log line, dated at midnight UTC, in USD.</summary>
    internal static string WriteCdnowPurchases(TempDir dir)
    {
        string data = SharedData.Path("CDNOW_sample.txt");
        var csv = new StringBuilder("customer_id,occurred_at,amount,currency\n");
        foreach (string line in File.ReadLines(data))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }
            var date = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            csv.Append(f[1]).Append(',').Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("T00:00:00Z,")
               .Append(f[4]).Append(",USD\n");
        }
        string path = dir.File("purchases.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public void ClvFit_BgNbdOnRawCdnowLog_ReproducesPublishedParameters()
    {
        using var dir = new TempDir();
        ShouldBePublishedBgNbdFit("--purchases", WriteCdnowPurchases(dir), "--calibration-end", "1997-09-30");
    }

    [Fact]
    public void ClvFit_BgNbdOnRawCdnowLogThroughDuckDb_ReproducesPublishedParameters()
    {
        // The RFM summary comes from DuckDB's SQL instead of the in-memory builder: the same published fit.
        using var dir = new TempDir();
        ShouldBePublishedBgNbdFit("--engine", "duckdb", "--purchases", WriteCdnowPurchases(dir), "--calibration-end", "1997-09-30");
    }

    [Fact]
    public void ClvFit_DuckDbWithSummary_Exit2()
    {
        using var dir = new TempDir();
        string summary = dir.File("s.csv");
        File.WriteAllText(summary, "customer_id,frequency,recency,T,monetary_value\nc1,1,2,3,4\n");
        var run = CliRun.Of("clv", "fit", "--model", "bg-nbd", "--engine", "duckdb", "--summary", summary, "--currency", "USD");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--engine goes with --purchases");
    }

    /// <summary>Runs <c>clv fit --model bg-nbd</c> with the input options and checks the published CDNOW fit.</summary>
    private static void ShouldBePublishedBgNbdFit(params string[] input)
    {
        var run = CliRun.Of(["clv", "fit", "--model", "bg-nbd", .. input, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        var fit = JsonDocument.Parse(run.Out).RootElement.GetProperty("fit");
        var p = fit.GetProperty("parameters");
        // Fader, Hardie & Lee (2005), Marketing Science 24(2): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (REFERENCES.md).
        p.GetProperty("r").GetDouble().Should().BeApproximately(0.243, 0.0005);
        p.GetProperty("alpha").GetDouble().Should().BeApproximately(4.414, 0.0005);
        p.GetProperty("a").GetDouble().Should().BeApproximately(0.793, 0.0005);
        p.GetProperty("b").GetDouble().Should().BeApproximately(2.426, 0.0005);
        fit.GetProperty("logLikelihood").GetDouble().Should().BeApproximately(-9582.4, 0.05);
        fit.GetProperty("customers").GetInt32().Should().Be(2357);
    }

    [Fact]
    public void ClvFit_GammaGamma_ReproducesPublishedParameters()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("clv", "fit", "--model", "gamma-gamma", "--purchases", WriteCdnowPurchases(dir), "--calibration-end", "1997-09-30", "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var p = JsonDocument.Parse(run.Out).RootElement.GetProperty("fit").GetProperty("parameters");
        // Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4), CDNOW: p = 6.25, q = 3.74, gamma = 15.44.
        p.GetProperty("p").GetDouble().Should().BeApproximately(6.25, 0.005);
        p.GetProperty("q").GetDouble().Should().BeApproximately(3.74, 0.005);
        p.GetProperty("gamma").GetDouble().Should().BeApproximately(15.44, 0.005);
    }

    /// <summary>
    /// cdnow_customers_summary_with_transactions.csv (../shared/data; columns ID, x, t_x, T, zbar) rewritten with the
    /// rfm summary schema's column names, values unchanged.
    /// </summary>
    internal static string WriteCdnowSummary(TempDir dir)
    {
        var lines = File.ReadAllLines(SharedData.Path("cdnow_customers_summary_with_transactions.csv"));
        lines[0].Should().Be("ID,x,t_x,T,zbar");
        lines[0] = "customer_id,frequency,recency,T,monetary_value";
        string path = dir.File("summary.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ClvFit_BgNbdOnPublishedSummary_ReproducesPublishedParameters()
    {
        // The published fit is of this very summary (FHL 2005 built it from the sample log).
        using var dir = new TempDir();
        ShouldBePublishedBgNbdFit("--summary", WriteCdnowSummary(dir));
    }

    [Fact]
    public void ClvFit_BgNbdOnThePublishedFileAsItIs_WithTheCdnowMap_ReproducesPublishedParameters()
        // The file as lifetimes ships it (ID,x,t_x,T,zbar), read through the cdnow column map preset (#14 item 5).
        => ShouldBePublishedBgNbdFit("--summary", SharedData.Path("cdnow_customers_summary_with_transactions.csv"), "--map", "cdnow");

    [Fact]
    public void ClvFit_GammaGammaOnPublishedSummary_ReproducesPublishedParameters()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("clv", "fit", "--model", "gamma-gamma", "--summary", WriteCdnowSummary(dir), "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var p = JsonDocument.Parse(run.Out).RootElement.GetProperty("fit").GetProperty("parameters");
        // Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4), CDNOW: p = 6.25, q = 3.74, gamma = 15.44 from the
        // unrounded data; this file's zbar is rounded to cents, and the lifetimes documentation's GammaGammaFitter on
        // this file prints p: 6.25, q: 3.74, v: 15.45 (we get 15.4477).
        p.GetProperty("p").GetDouble().Should().BeApproximately(6.25, 0.005);
        p.GetProperty("q").GetDouble().Should().BeApproximately(3.74, 0.005);
        p.GetProperty("gamma").GetDouble().Should().BeApproximately(15.45, 0.005);
    }

    [Fact]
    public void ClvFit_SummaryWithBadRow_ExitsWithTwoNamingFileLineAndColumn()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.csv"), "customer_id,frequency,recency,T,monetary_value\nC1,2,3,10,5\nC2,2,12,10,5\n");
        var run = CliRun.Of("clv", "fit", "--model", "bg-nbd", "--summary", dir.File("s.csv"));
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("s.csv, line 3, column 3: recency '12' must be in [0, T = 10]");
    }

    [Theory]
    [InlineData("--calibration-end", "1997-09-30")]
    [InlineData("--purchases", "p.csv")]
    [InlineData("--holdout-end", "1998-06-30")]
    public void ClvFit_SummaryWithPurchasesOnlyOption_ExitsWithTwoNamingIt(string option, string value)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.csv"), "customer_id,frequency,recency,T,monetary_value\nC1,2,3,10,5\n");
        var run = CliRun.Of("clv", "fit", "--model", "bg-nbd", "--summary", dir.File("s.csv"), option, value);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(option == "--purchases" ? "--summary" : option);
    }

    [Theory]
    [InlineData("--model", "bgnbd")]
    [InlineData("--calibration-end", "30/09/1997")]
    [InlineData("--period", "fortnight")]
    public void ClvFit_BadArgument_ExitsWithTwoNamingIt(string option, string value)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("p.csv"), "customer_id,occurred_at,amount,currency\nC1,1997-01-01T00:00:00Z,10,USD\n");
        string[] args = ["clv", "fit", "--model", "bg-nbd", "--purchases", dir.File("p.csv"), "--calibration-end", "1997-09-30"];
        int i = Array.IndexOf(args, option);
        args = i >= 0 ? args.Select((a, k) => k == i + 1 ? value : a).ToArray() : [.. args, option, value];
        var run = CliRun.Of(args);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(option);
    }
}

/// <summary>The reference data sets in ../shared/data beside the repository.</summary>
internal static class SharedData
{
    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", file));
                return File.Exists(path) ? path : throw new FileNotFoundException($"Reference data {file} is read from ../shared/data beside the repository; it is missing.", path);
            }
        }
        throw new DirectoryNotFoundException($"ContactMetrics.sln not found above {AppContext.BaseDirectory}.");
    }
}

public class RetentionSbgCommandTests
{
    [Theory]
    // Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1): regular and high-end cohorts (REFERENCES.md).
    [InlineData("1000,631,468,382,326,289,262,241", 0.704, 1.182)]
    [InlineData("1000,869,743,653,593,551,517,491", 0.668, 3.806)]
    public void Sbg_PublishedCohorts_ReproduceAlphaAndBeta(string survivors, double alpha, double beta)
    {
        var run = CliRun.Of("retention", "sbg", "--survivors", survivors, "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var p = doc.RootElement.GetProperty("fit").GetProperty("parameters");
        p.GetProperty("alpha").GetDouble().Should().BeApproximately(alpha, 0.0005);
        p.GetProperty("beta").GetDouble().Should().BeApproximately(beta, 0.0005);
        var periods = doc.RootElement.GetProperty("projection").GetProperty("periods");
        periods.GetArrayLength().Should().Be(13, "periods 0-12");
        // r(1) = beta / (alpha + beta) for the sBG, by hand from the fitted parameters.
        periods[1].GetProperty("retentionRate").GetDouble().Should().BeApproximately(
            p.GetProperty("beta").GetDouble() / (p.GetProperty("alpha").GetDouble() + p.GetProperty("beta").GetDouble()), 1e-9);
    }

    [Theory]
    [InlineData("1000,631")]
    [InlineData("1000,631,700")]
    [InlineData("1000,abc,468")]
    public void Sbg_BadSurvivors_ExitsWithTwo(string survivors)
    {
        var run = CliRun.Of("retention", "sbg", "--survivors", survivors);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--survivors");
    }
}
