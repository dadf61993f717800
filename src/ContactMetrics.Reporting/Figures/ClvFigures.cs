using System.Globalization;
using System.Runtime.CompilerServices;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// CLV figures as <c>contactmetrics clv fit</c> and <c>clv predict</c> print them: a model's fit (parameters, standard errors,
/// log-likelihood, diagnostics), and a forecast (both fits, the value totals, one row per customer, the holdout check).
/// </summary>
public static class ClvFigures
{
    /// <summary>The time unit of recency and age, by name (case-insensitive): day, week, month.</summary>
    public static IReadOnlyDictionary<string, RfmPeriodUnit> PeriodNames { get; } = new Dictionary<string, RfmPeriodUnit>(StringComparer.OrdinalIgnoreCase)
    {
        ["day"] = RfmPeriodUnit.Day,
        ["week"] = RfmPeriodUnit.Week,
        ["month"] = RfmPeriodUnit.Month,
    };

    /// <summary>
    /// The options of an RFM summary as <c>clv</c> and <c>summarize</c> take them: the last day of the calibration period
    /// (inclusive, yyyy-MM-dd), an optional last day of a holdout period after it, the period's name (<see cref="PeriodNames"/>)
    /// and the zone in which purchase instants become dates.
    /// </summary>
    /// <param name="calibrationEnd">The <c>--calibration-end</c> date.</param>
    /// <param name="holdoutEnd">The <c>--holdout-end</c> date; <see langword="null"/> for no holdout.</param>
    /// <param name="period">The <c>--period</c> name: day, week or month.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calibrationEnd"/>, <paramref name="period"/> or <paramref name="zone"/> is null.</exception>
    /// <exception cref="OptionValueException">A date is not yyyy-MM-dd, the period is unknown, or the holdout does not end after the calibration.</exception>
    public static RfmSummaryOptions ParseRfmOptions(string calibrationEnd, string? holdoutEnd, string period, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var end = OptionParsing.ParseDate("--calibration-end", calibrationEnd);
        var options = new RfmSummaryOptions(end) { Period = OptionParsing.ParseName("--period", period, PeriodNames, "period"), TimeZone = zone };
        if (holdoutEnd is null)
        {
            return options;
        }
        var holdout = OptionParsing.ParseDate("--holdout-end", holdoutEnd);
        return holdout > end ? options with { HoldoutEnd = holdout }
            : throw new OptionValueException($"--holdout-end: {holdoutEnd} must be after --calibration-end {calibrationEnd}.");
    }

    /// <summary>The models <see cref="FitModel"/> fits, by name: bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma.</summary>
    public static IReadOnlyList<string> FitModelNames { get; } = ["bg-nbd", "pareto-nbd", "mbg-nbd", "gamma-gamma"];

    /// <summary>
    /// Fits the CLV model named <paramref name="model"/> (one of <see cref="FitModelNames"/>, as <c>clv fit --model</c> names
    /// it) by maximum likelihood, without throwing when the optimiser does not converge (the diagnostics say so): the
    /// transaction models on the compressed summary, Gamma-Gamma on the repeat buyers.
    /// </summary>
    /// <param name="model">The model's name, lower case.</param>
    /// <param name="summary">The customers.</param>
    /// <returns>The estimates, the log-likelihood, the diagnostics and the customers fitted, as <see cref="Fit"/> takes them.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OptionValueException">The name is not one of <see cref="FitModelNames"/>.</exception>
    /// <exception cref="ArgumentException">The summary cannot support the model (parameter <c>summary</c> or <c>data</c>: one customer, no repeat buyers, no spend variance).</exception>
    public static (IReadOnlyList<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics, int Customers) FitModel(string model, RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        switch (model)
        {
            case "gamma-gamma":
                GammaGammaModel.TryFit(summary, out var gg);
                return (gg.Estimates, gg.LogLikelihood, gg.Diagnostics, gg.Customers);
            case "pareto-nbd":
                ParetoNbdModel.TryFit(summary.Compress(), out var pn);
                return (pn.Estimates, pn.LogLikelihood, pn.Diagnostics, summary.Count);
            case "mbg-nbd":
                ModifiedBetaGeometricNbdModel.TryFit(summary.Compress(), out var mbg);
                return (mbg.Estimates, mbg.LogLikelihood, mbg.Diagnostics, summary.Count);
            case "bg-nbd":
                BetaGeometricNbdModel.TryFit(summary.Compress(), out var bg);
                return (bg.Estimates, bg.LogLikelihood, bg.Diagnostics, summary.Count);
            default:
                throw new OptionValueException($"--model: unknown model '{model}'; use {string.Join(", ", FitModelNames)}.");
        }
    }

    /// <summary>
    /// Checks the inputs of a forecast as <c>clv predict</c> takes them, before any work: a transaction model that can value
    /// customers (bg-nbd, pareto-nbd), at least one period, an annual discount rate from 0 below 10 (1000%), a margin from 0 to
    /// 1, and at least one customer to list when <paramref name="top"/> is given.
    /// </summary>
    /// <param name="model">The transaction model's name, lower case.</param>
    /// <param name="periods">The horizon in periods.</param>
    /// <param name="annualRate">The annual discount rate.</param>
    /// <param name="margin">The margin on spend.</param>
    /// <param name="top">How many customers to list; null for all.</param>
    /// <returns>The transaction model.</returns>
    /// <exception cref="OptionValueException">An input is out of range; the message names its option and the fix.</exception>
    public static ClvTransactionModel CheckForecastInputs(string model, int periods, double annualRate, double margin, int? top)
    {
        var transactions = model switch
        {
            "bg-nbd" => ClvTransactionModel.BgNbd,
            "pareto-nbd" => ClvTransactionModel.ParetoNbd,
            _ => throw new OptionValueException($"--model: '{model}' cannot predict value here; use bg-nbd or pareto-nbd."),
        };
        string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
        return periods < 1 ? throw new OptionValueException($"--horizon: must be at least 1 period; was {periods}.")
            : !(annualRate >= 0 && annualRate < 10) ? throw new OptionValueException($"--discount-rate: an annual rate from 0 (0%) below 10 (1000%); was {Number(annualRate)}.")
            : top is int n && n < 1 ? throw new OptionValueException($"--top: at least 1 customer; was {n}.")
            : !(margin >= 0 && margin <= 1) ? throw new OptionValueException($"--margin: a fraction from 0 to 1 (0.3 = 30%); was {Number(margin)}.")
            : transactions;
    }

    /// <summary>The longest horizon a forecast values, in days (10 years): later cash flows are discounted away.</summary>
    public const double MaxHorizonDays = 3652.5;

    /// <summary>
    /// The valuation horizon of <c>clv predict</c>: <paramref name="periods"/> periods of <paramref name="period"/> at the
    /// annual rate compounded per period, at most <see cref="MaxHorizonDays"/> (the valuation sums every period for every
    /// customer: CDNOW's 2,357 customers take 76 s over 100 years of weeks), checked before any fit.
    /// </summary>
    /// <param name="periods">The horizon in periods.</param>
    /// <param name="annualRate">The annual discount rate.</param>
    /// <param name="period">The summary's time unit.</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="OptionValueException">The horizon is longer than 10 years; the message names <c>--horizon</c> and the limit in periods.</exception>
    public static ValuationHorizon ForecastHorizon(int periods, double annualRate, RfmPeriodUnit period)
    {
        double periodDays = period.Days();
        int maxPeriods = (int)Math.Floor(MaxHorizonDays / periodDays);
        return periods <= maxPeriods ? new ValuationHorizon(periods, ValuationHorizon.RateForPeriod(annualRate, periodDays))
            : throw new OptionValueException($"--horizon: at most {maxPeriods} periods of a {period.ToString().ToLowerInvariant()} (10 years); was {periods}. Value customers over at most 10 years (later cash flows are discounted away).");
    }

    /// <summary>One model's fit: section <c>fit</c> with its facts and the table <c>estimates</c>.</summary>
    /// <param name="name">The model's name as the user gave it (bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma).</param>
    /// <param name="estimates">The parameters with their standard errors.</param>
    /// <param name="logLikelihood">The maximised log-likelihood.</param>
    /// <param name="diagnostics">The optimiser's diagnostics (a fit that did not converge is shown as such).</param>
    /// <param name="fitted">The customers the model was fitted to.</param>
    /// <param name="unit">The time unit of recency and age.</param>
    /// <param name="source">Where the data came from, one sentence (the section's note).</param>
    /// <returns>The sheet.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static FigureSheet Fit(string name, IReadOnlyList<ParameterEstimate> estimates, double logLikelihood, FitDiagnostics diagnostics, int fitted, RfmPeriodUnit unit, string source)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var output = new FigureSheet();
        var section = output.Add("fit", $"{name} fit");
        section.Note = source;
        section.Fact("model", "Model", name)
            .Fact("parameters", "Parameters", estimates.ToDictionary(e => e.Name, e => (object?)e.Value))
            .Fact("standardErrors", "Standard errors", estimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
            .Fact("logLikelihood", "Log-likelihood", logLikelihood)
            .Fact("customers", "Customers", fitted)
            .Fact("period", "Period", unit.ToString().ToLowerInvariant())
            .Fact("converged", "Converged", diagnostics.Converged)
            .Fact("iterations", "Iterations", diagnostics.Iterations)
            .Fact("gradientNorm", "Gradient norm", diagnostics.GradientNorm);
        var table = section.SetTable("estimates",
            new FigureColumn("parameter", "Parameter"),
            new FigureColumn("estimate", "Estimate", true),
            new FigureColumn("standardError", "Std. error", true));
        foreach (var e in estimates)
        {
            table.Row(e.Name, e.Value, e.StandardError);
        }
        return output;
    }

    /// <summary>The columns of a forecast's customer table: id, x, t_x, T, mean spend, P(alive), E[purchases], E[spend] per purchase, CLV.</summary>
    public static IReadOnlyList<FigureColumn> ForecastColumns { get; } =
    [
        new("customerId", "Customer"),
        new("frequency", "x", true),
        new("recency", "t_x", true),
        new("T", "T", true),
        new("monetaryValue", "Mean spend", true),
        new("pAlive", "P(alive)", true),
        new("expectedPurchases", "E[purchases]", true),
        new("expectedSpend", "E[spend]/purchase", true),
        new("clv", "CLV", true),
    ];

    /// <summary>
    /// Writes a forecast's customer table as CSV straight from its columns (header, then <see cref="ForecastRows"/>), byte for
    /// byte as the <c>customers</c> table of <see cref="Forecast"/> would be written, without a boxed cell per value.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="forecast">The forecast.</param>
    /// <param name="summary">Its RFM summary.</param>
    /// <param name="top">How many customers of highest CLV; null for all.</param>
    /// <param name="raw">Write text cells as they are (no formula neutralisation).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WriteForecastCsv(TextWriter writer, ClvForecast forecast, RfmSummary summary, int? top, bool raw)
    {
        var csv = new SpanCsvWriter(writer, raw);
        csv.Header(ForecastColumns);
        foreach (int i in ForecastRows(forecast, summary, top))
        {
            csv.Text(summary.CustomerIds[i].Value);
            csv.Number(summary.Frequency[i]);
            csv.Number(summary.Recency[i]);
            csv.Number(summary.Age[i]);
            csv.Number(summary.MonetaryValue[i]);
            csv.Number(forecast.ProbabilityAlive[i]);
            csv.Number(forecast.ExpectedPurchases[i]);
            csv.Number(Money.FromDouble(forecast.ExpectedSpend[i], summary.Currency).Amount);
            csv.Number(forecast.Values[i].Amount);
            csv.EndRow();
        }
        csv.Flush();
    }

    /// <summary>The customers a forecast lists, in order: all in the summary's order, or the <paramref name="top"/> of highest CLV (ties by id).</summary>
    /// <param name="forecast">The forecast.</param>
    /// <param name="summary">Its RFM summary.</param>
    /// <param name="top">How many; null for all.</param>
    /// <returns>The customers' indexes in <paramref name="summary"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IEnumerable<int> ForecastRows(ClvForecast forecast, RfmSummary summary, int? top)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(summary);
        var rows = Enumerable.Range(0, summary.Count);
        return top is int count
            ? rows.OrderByDescending(i => forecast.Values[i].Amount).ThenBy(i => summary.CustomerIds[i].Value, StringComparer.Ordinal).Take(count)
            : rows;
    }

    /// <summary>
    /// A forecast: sections <c>transactions</c> and <c>spend</c> (the two fits), <c>value</c> (totals, with the CLV formula as its
    /// note), <c>customers</c> (one row per customer, or the <paramref name="top"/> by CLV) and, with a holdout period, <c>holdout</c>.
    /// </summary>
    /// <param name="model">The transaction model's name (bg-nbd or pareto-nbd).</param>
    /// <param name="forecast">The forecast of <paramref name="summary"/>.</param>
    /// <param name="summary">The customers' RFM summary.</param>
    /// <param name="source">Where the data came from, one sentence.</param>
    /// <param name="valuation">The horizon and the discount rate per period.</param>
    /// <param name="annualRate">The annual discount rate the per-period rate came from.</param>
    /// <param name="m">The margin on spend, 0-1.</param>
    /// <param name="top">List only this many customers of highest CLV (ties by id); null: all. Totals are over every customer.</param>
    /// <returns>The sheet.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static FigureSheet Forecast(string model, ClvForecast forecast, RfmSummary summary, string source, ValuationHorizon valuation, double annualRate, double m, int? top)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(valuation);
        int periods = valuation.Periods;
        string unit = summary.Period.ToString().ToLowerInvariant();
        var currency = summary.Currency;
        var output = new FigureSheet();
        var fitSection = output.Add("transactions", $"{forecast.Transactions.Name} fit");
        fitSection.Note = source;
        fitSection.Fact("model", "Model", model)
            .Fact("parameters", "Parameters", forecast.TransactionEstimates.ToDictionary(e => e.Name, e => (object?)e.Value))
            .Fact("standardErrors", "Standard errors", forecast.TransactionEstimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
            .Fact("logLikelihood", "Log-likelihood", forecast.TransactionLogLikelihood);
        var spendSection = output.Add("spend", "Gamma-Gamma spend fit");
        spendSection.Note = $"{forecast.Spend.Customers:N0} customers with repeat purchases and a positive mean spend.";
        spendSection.Fact("model", "Model", "gamma-gamma")
            .Fact("parameters", "Parameters", forecast.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)e.Value))
            .Fact("standardErrors", "Standard errors", forecast.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
            .Fact("logLikelihood", "Log-likelihood", forecast.Spend.LogLikelihood);

        var values = output.Add("value", "Customer value");
        values.Note = $"CLV = margin x expected spend per purchase x expected purchases in each {unit}, discounted at the end of the {unit}; "
            + $"{periods} {unit}s, {annualRate.ToString("P1", CultureInfo.InvariantCulture)} a year = {valuation.DiscountRatePerPeriod.ToString("P4", CultureInfo.InvariantCulture)} a {unit}, margin {m.ToString("P1", CultureInfo.InvariantCulture)}.";
        var totalClv = Money.Sum(forecast.Values, currency);
        values.Fact("customers", "Customers", summary.Count)
            .Fact("horizonPeriods", "Horizon (periods)", periods)
            .Fact("period", "Period", unit)
            .Fact("discountRate", "Discount rate (annual)", new Fraction(annualRate))
            .Fact("discountRatePerPeriod", "Discount rate per period", new Fraction(valuation.DiscountRatePerPeriod))
            .Fact("margin", "Margin", new Fraction(m))
            .Fact("expectedPurchases", "Expected purchases", forecast.ExpectedPurchases.Sum())
            .Fact("totalClv", "Total CLV", totalClv)
            .Fact("meanClv", "Mean CLV", totalClv / summary.Count);

        var listed = output.Add("customers", "Customers");
        if (top is int count)
        {
            listed.Note = $"The {Math.Min(count, summary.Count):N0} of {summary.Count:N0} customers of highest CLV (--top {count}); the totals above are over every customer.";
        }
        var table = listed.SetTable("customers", [.. ForecastColumns]);
        foreach (int i in ForecastRows(forecast, summary, top))
        {
            table.Row(summary.CustomerIds[i].Value, summary.Frequency[i], summary.Recency[i], summary.Age[i], summary.MonetaryValue[i],
                forecast.ProbabilityAlive[i], forecast.ExpectedPurchases[i], Money.FromDouble(forecast.ExpectedSpend[i], currency), forecast.Values[i]);
        }

        if (summary.HasHoldout && summary.HoldoutLength > 0)
        {
            var check = HoldoutCheck.Compute(forecast.Transactions, summary);
            var holdout = output.Add("holdout", "Holdout check");
            holdout.Note = $"Transactions in the {check.HoldoutLength.ToString("0.##", CultureInfo.InvariantCulture)} {unit}s after the calibration end, by calibration frequency x: actual against {check.Model}'s E[Y(t) | x, t_x, T].";
            holdout.Fact("holdoutLength", "Holdout length", check.HoldoutLength)
                .Fact("actualTransactions", "Actual transactions", check.ActualTransactions)
                .Fact("predictedTransactions", "Predicted transactions", check.PredictedTransactions);
            var groups = holdout.SetTable("groups",
                new FigureColumn("frequency", "x"),
                new FigureColumn("customers", "Customers", true),
                new FigureColumn("actualMean", "Actual mean", true),
                new FigureColumn("predictedMean", "Predicted mean", true),
                new FigureColumn("actualTotal", "Actual", true),
                new FigureColumn("predictedTotal", "Predicted", true));
            foreach (var g in check.Groups)
            {
                groups.Row(g.Label, g.Customers, g.ActualMean, g.PredictedMean, g.ActualTransactions, g.PredictedTransactions);
            }
        }
        return output;
    }

}
