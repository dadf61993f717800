using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

internal static partial class DemoHeadlines
{
    private const double ClvMargin = 0.3;
    private const double ClvAnnualDiscountRate = 0.10;
    private const int ClvQuarters = 12;

    /// <summary>The weekly RFM summary at the end of the run, its weighted unique rows and the BG/NBD and Gamma-Gamma fits on them.</summary>
    private sealed record ClvFits(RfmSummary Summary, CompressedRfmSummary Rows, BgNbdFit Transactions, GammaGammaFit Spend);

    /// <summary>Fits the CLV models to the simulated purchases; <see langword="null"/> when there are too few repeat purchases.</summary>
    private static ClvFits? FitClv(SimulatedContactCenter center)
    {
        var options = center.Options;
        var summary = RfmSummaryBuilder.Build(center.Purchases, new RfmSummaryOptions(options.EndDate) { TimeZone = options.TimeZone });
        var rows = summary.Compress();
        return summary.Count == 0 || !summary.Frequency.Any(x => x > 0)
            || !BetaGeometricNbdModel.TryFit(rows, out var transactions) || !GammaGammaModel.TryFit(summary, out var spend)
            ? null
            : new ClvFits(summary, rows, transactions, spend);
    }

    /// <summary>
    /// The CLV headline: BG/NBD and Gamma-Gamma fitted to the simulated purchases (weekly RFM summary at the end of the
    /// run, BG/NBD on the weighted unique rows), fitted against planted parameters, and every customer's 3-year CLV
    /// (30% margin, 10% a year, quarterly cash flows) as money, mean and total.
    /// </summary>
    static partial void Clv(CommandOutput output, SimulatedContactCenter center, ClvFits? fits)
    {
        var section = output.Add("clv", "Customer lifetime value (BG/NBD x Gamma-Gamma, 3 years)");
        if (fits is null)
        {
            section.Note = "Too few repeat purchases to fit the CLV models.";
            return;
        }
        var options = center.Options;
        var (summary, rows, transactions, spend) = fits;
        // Quarterly cash-flow periods (13 weeks), discounted at the end of each quarter.
        var horizon = new ValuationHorizon(ClvQuarters, ValuationHorizon.RateForPeriod(ClvAnnualDiscountRate, 7 * 13)) { PeriodLength = 13 };
        var values = new BgNbdGammaGammaValueModel(transactions.Model, spend.Model, ClvMargin).CustomerValues(summary, horizon);
        var total = Money.Sum(values, summary.Currency);
        var mean = total / values.Length;
        var planted = options.Purchases;
        var plantedSpend = options.Spend;
        bool churn = options.Churn.Enabled;

        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Weekly RFM summary of {summary.Count:N0} customers at {options.EndDate:yyyy-MM-dd}; BG/NBD fitted on {rows.Count:N0} weighted unique (x, t_x, T) rows, Gamma-Gamma on the {spend.Customers:N0} customers with repeat purchases. CLV assumptions: {ClvMargin:P0} margin on spend, {ClvAnnualDiscountRate:P0} a year discount, {ClvQuarters / 4} years of quarterly cash flows discounted at each quarter's end. ")
            + (churn
                ? "The simulation also stops purchases at churn, which BG/NBD does not model, so the fitted parameters differ from the planted ones by more than sampling error."
                : "Purchases are pure BG/NBD (no churn), so the fit estimates the planted parameters.");
        section.Fact("customers", "Customers", summary.Count)
            .Fact("uniqueRows", "Unique (x, t_x, T) rows", rows.Count)
            .Fact("parameters", "BG/NBD fitted", transactions.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 3)))
            .Fact("plantedParameters", "BG/NBD planted", new Dictionary<string, object?> { ["r"] = planted.R, ["alpha"] = planted.Alpha, ["a"] = planted.A, ["b"] = planted.B })
            .Fact("spendParameters", "Gamma-Gamma fitted", spend.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 3)))
            .Fact("plantedSpendParameters", "Gamma-Gamma planted", new Dictionary<string, object?> { ["p"] = plantedSpend.P, ["q"] = plantedSpend.Q, ["gamma"] = plantedSpend.Gamma })
            .Fact("horizonYears", "Horizon (years)", ClvQuarters / 4)
            .Fact("margin", "Margin (assumed)", new Rate(ClvMargin))
            .Fact("discountRate", "Discount rate a year (assumed)", new Rate(ClvAnnualDiscountRate))
            .Fact("meanClv", "Mean 3-year CLV", new Money(Math.Round(mean.Amount, 2), mean.Currency))
            .Fact("totalClv", "Total 3-year CLV", new Money(Math.Round(total.Amount, 2), total.Currency));
    }
}
