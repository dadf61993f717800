using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Reporting.Tests;

/// <summary><see cref="ClvFigures.FitModel"/> and <see cref="ClvFigures.CheckForecastInputs"/>: what <c>clv fit</c> and <c>clv predict</c> call.</summary>
public class ClvFiguresTests
{
    private static readonly Lazy<RfmSummary> Cdnow = new(() =>
    {
        // cdnow_customers_summary_with_transactions.csv (../shared/data): ID, x, t_x, T, zbar; 2,357 customers, weeks.
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "ContactMetrics.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        var rows = File.ReadAllLines(Path.Combine(dir!, "..", "shared", "data", "cdnow_customers_summary_with_transactions.csv")).Skip(1)
            .Select(line => line.Split(',')).ToArray();
        double Number(string[] row, int k) => double.Parse(row[k], CultureInfo.InvariantCulture);
        return RfmSummary.FromColumns([.. rows.Select(r => new CustomerId(r[0]))], [.. rows.Select(r => (int)Number(r, 1))], [.. rows.Select(r => Number(r, 2))],
            [.. rows.Select(r => Number(r, 3))], [.. rows.Select(r => Number(r, 4))], RfmPeriodUnit.Week, Currency.Usd);
    });

    [Fact]
    public void FitModel_EachName_IsThatModelsFit()
    {
        var summary = Cdnow.Value;
        BetaGeometricNbdModel.TryFit(summary.Compress(), out var bg);
        ParetoNbdModel.TryFit(summary.Compress(), out var pn);
        ModifiedBetaGeometricNbdModel.TryFit(summary.Compress(), out var mbg);
        GammaGammaModel.TryFit(summary, out var gg);

        foreach (var (name, estimates, logLikelihood, customers) in new[]
        {
            ("bg-nbd", bg.Estimates, bg.LogLikelihood, summary.Count), ("pareto-nbd", pn.Estimates, pn.LogLikelihood, summary.Count),
            ("mbg-nbd", mbg.Estimates, mbg.LogLikelihood, summary.Count), ("gamma-gamma", gg.Estimates, gg.LogLikelihood, gg.Customers),
        })
        {
            var fit = ClvFigures.FitModel(name, summary);
            fit.Estimates.Should().Equal(estimates, name);
            fit.LogLikelihood.Should().Be(logLikelihood, name);
            fit.Customers.Should().Be(customers, name);
            fit.Diagnostics.Converged.Should().BeTrue(name);
        }
        // FHL 2005, Marketing Science 24(2): BG/NBD on CDNOW r 0.243, alpha 4.414, a 0.793, b 2.426; Fader & Hardie 2013
        // (Gamma-Gamma note): p 6.25, q 3.74, gamma 15.44 on the 946 repeat buyers.
        ClvFigures.FitModel("bg-nbd", summary).Estimates.Select(e => Math.Round(e.Value, 3)).Should().Equal(0.243, 4.414, 0.793, 2.426);
        ClvFigures.FitModel("gamma-gamma", summary).Customers.Should().Be(946);
    }

    [Fact]
    public void FitModel_UnknownName_ThrowsNamingTheModels()
    {
        var act = () => ClvFigures.FitModel("bg/nbd", Cdnow.Value);

        act.Should().Throw<OptionValueException>().WithMessage("--model: unknown model 'bg/nbd'; use bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma.");
    }

    [Theory]
    [InlineData("mbg-nbd", 52, 0.1, 0.3, null, "--model: 'mbg-nbd' cannot predict value here; use bg-nbd or pareto-nbd.")]
    [InlineData("bg-nbd", 0, 0.1, 0.3, null, "--horizon: must be at least 1 period; was 0.")]
    [InlineData("bg-nbd", 52, 10, 0.3, null, "--discount-rate: an annual rate from 0 (0%) below 10 (1000%); was 10.")]
    [InlineData("bg-nbd", 52, 0.1, 0.3, 0, "--top: at least 1 customer; was 0.")]
    [InlineData("pareto-nbd", 52, 0.1, 1.5, 5, "--margin: a fraction from 0 to 1 (0.3 = 30%); was 1.5.")]
    public void CheckForecastInputs_OutOfRange_NamesTheOption(string model, int periods, double rate, double margin, int? top, string message)
    {
        var act = () => ClvFigures.CheckForecastInputs(model, periods, rate, margin, top);

        act.Should().Throw<OptionValueException>().WithMessage(message);
    }

    [Fact]
    public void CheckForecastInputs_InRange_GivesTheTransactionModel()
    {
        ClvFigures.CheckForecastInputs("bg-nbd", 1, 0, 0, null).Should().Be(ClvTransactionModel.BgNbd);
        ClvFigures.CheckForecastInputs("pareto-nbd", 520, 9.99, 1, 1).Should().Be(ClvTransactionModel.ParetoNbd);
    }

    [Fact]
    public void ForecastHorizon_AtMostTenYears_ElseNamesTheLimitInPeriods()
    {
        // 10 years = 3,652.5 days: floor(3652.5 / 7) = 521 weeks, floor(3652.5 / 1) = 3,652 days (hand computation).
        var weeks = ClvFigures.ForecastHorizon(521, 0.1, RfmPeriodUnit.Week);
        weeks.Periods.Should().Be(521);
        weeks.DiscountRatePerPeriod.Should().BeApproximately(Math.Pow(1.1, 7 / 365.25) - 1, 1e-15);
        var act = () => ClvFigures.ForecastHorizon(3653, 0.1, RfmPeriodUnit.Day);
        act.Should().Throw<OptionValueException>().WithMessage("--horizon: at most 3652 periods of a day (10 years); was 3653.*");
    }
}
