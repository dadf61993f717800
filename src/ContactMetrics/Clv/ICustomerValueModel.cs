using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Clv;

/// <summary>
/// Values customers in money over a horizon: the discounted expected margin they will bring. Calculators that
/// need a customer's worth (retention uplift, the business case) take this interface, not a particular model.
/// </summary>
public interface ICustomerValueModel
{
    /// <summary>The discounted expected margin of each customer over the horizon.</summary>
    /// <param name="customers">The customers' RFM summary, in the time unit the model was fitted in.</param>
    /// <param name="horizon">How many periods, how long each is and the discount rate per period.</param>
    /// <returns>One value per customer, in the order of <see cref="RfmSummary.CustomerIds"/> and in <see cref="RfmSummary.Currency"/>.</returns>
    ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon);
}

/// <summary>Turns a customer-value model's values into the table other calculators take.</summary>
public static class CustomerValueModels
{
    /// <summary>
    /// The model's value of each customer as a <see cref="CustomerValueTable"/>, the form in which customer profitability
    /// and the value of a retention uplift take a CLV without depending on the CLV models.
    /// </summary>
    /// <param name="model">The customer-value model.</param>
    /// <param name="customers">The customers' RFM summary, in the time unit the model was fitted in; each customer once.</param>
    /// <param name="horizon">The valuation horizon.</param>
    /// <returns>The table, in the summary's order and currency; its source names the model type and the horizon.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The summary names a customer twice.</exception>
    public static CustomerValueTable ValueTable(this ICustomerValueModel model, RfmSummary customers, ValuationHorizon horizon)
    {
        Preconditions.CheckNotNull(model);
        Preconditions.CheckNotNull(customers);
        Preconditions.CheckNotNull(horizon);
        var values = model.CustomerValues(customers, horizon);
        string source = string.Create(CultureInfo.InvariantCulture,
            $"{model.GetType().Name}, {horizon.Periods} periods of {horizon.PeriodLength:G} {customers.Period}, discount {horizon.DiscountRatePerPeriod:G} per period");
        return CustomerValueTable.Create(customers.CustomerIds, values, customers.Currency, source);
    }
}

/// <summary>The per-customer loop of the value models: one value per customer, in the summary's order and currency.</summary>
internal static class CustomerValueRows
{
    /// <summary>A model's batch values over the columns of a checked summary, as money in its currency.</summary>
    internal static ImmutableArray<Money> Values(RfmSummary customers, ValuationHorizon horizon, ValuesOfHistories valuesOf)
    {
        Preconditions.CheckNotNull(customers);
        Preconditions.CheckNotNull(horizon);
        var amounts = new double[customers.Count];
        valuesOf(customers.Frequency.AsSpan(), customers.Recency.AsSpan(), customers.Age.AsSpan(), customers.MonetaryValue.AsSpan(), horizon, amounts);
        var values = new Money[customers.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Money.FromDouble(amounts[i], customers.Currency);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>A model's batch values over spans, after checking the horizon, the lengths and every history.</summary>
    internal static void Values(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, ValuationHorizon horizon, Span<double> destination, ValuesOfHistories valuesOf)
    {
        Preconditions.CheckNotNull(horizon);
        PredictionBatch.CheckHistories(frequency, recency, age, destination.Length, meanSpend, withSpend: true);
        valuesOf(frequency, recency, age, meanSpend, horizon, destination);
    }

    /// <summary>
    /// margin x E[Z | x, zbar] x P(alive) x S(x, T) for every customer, where S, the discounted horizon sum of an alive
    /// customer's expected transactions, is computed once per distinct (x, T) (in parallel when there are many) and P(alive)
    /// in one batch: the same product, in the same order, as the value models' scalar forms.
    /// </summary>
    internal static void Combine(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, Span<double> destination,
        double margin, GammaGammaModel spend, Func<int, double, double> aliveSumOfPair, AliveOfHistories alive)
    {
        var slots = new int[frequency.Length];
        var pairs = FrequencyTimePairs.Of(frequency, age, slots);
        var sums = new double[pairs.Count];
        PredictionBatch.ForEachPair(pairs.Count, k => sums[k] = aliveSumOfPair(pairs.X(k), pairs.T(k)));
        alive(frequency, recency, age, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = margin * spend.ConditionalExpectedSpend(frequency[i], meanSpend[i]) * destination[i] * sums[slots[i]];
        }
    }
}

/// <summary>Values of customers' histories into a destination span (a value model's batch form).</summary>
internal delegate void ValuesOfHistories(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, ValuationHorizon horizon, Span<double> destination);

/// <summary>P(alive) of customers' histories into a destination span (a transaction model's batch form).</summary>
internal delegate void AliveOfHistories(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination);

/// <summary>
/// The horizon of a customer valuation: <see cref="Periods"/> cash-flow periods, each <see cref="PeriodLength"/>
/// model time units long (weeks for a model fitted on weekly summaries), discounted at
/// <see cref="DiscountRatePerPeriod"/>.
/// </summary>
/// <remarks>
/// Timing convention: discrete periods with end-of-period discounting. The margin earned in period k (the
/// interval ((k-1) L, k L] after the end of calibration) is multiplied by (1 + d)^-k. To use an annual rate R
/// with periods of n days, d = (1 + R)^(n / 365.25) - 1 (see <see cref="RateForPeriod"/>).
/// </remarks>
public sealed record ValuationHorizon
{
    /// <summary>Creates a horizon of periods one model time unit long.</summary>
    /// <param name="periods">The number of periods; at least 1.</param>
    /// <param name="discountRatePerPeriod">The discount rate per period; at least 0 (0.01 is 1% per period).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ValuationHorizon(int periods, double discountRatePerPeriod)
    {
        Periods = Preconditions.CheckPositive(periods);
        DiscountRatePerPeriod = Preconditions.CheckNonNegative(discountRatePerPeriod);
    }

    /// <summary>The number of periods.</summary>
    public int Periods { get; }

    /// <summary>The discount rate per period.</summary>
    public double DiscountRatePerPeriod { get; }

    /// <summary>The length of one period in model time units; 1 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double PeriodLength
    {
        get;
        init => field = Preconditions.CheckPositive(value, nameof(PeriodLength));
    } = 1.0;

    /// <summary>
    /// sum_{k=1..H} (C(k L) - C((k-1) L)) / (1 + d)^k for a cumulative expectation C with C(0) = 0: the discounted
    /// increments of the horizon's periods, cash of period k discounted at its end.
    /// </summary>
    internal double DiscountedIncrements<TState>(TState state, Func<double, TState, double> cumulative)
    {
        double discount = 1.0, growth = 1.0 + DiscountRatePerPeriod;
        double previous = 0, total = 0;
        for (int k = 1; k <= Periods; k++)
        {
            discount /= growth;
            double current = cumulative(k * PeriodLength, state);
            total += (current - previous) * discount;
            previous = current;
        }
        return total;
    }

    /// <summary>Converts an annual discount rate to the rate for a period of the given number of days (compound).</summary>
    /// <param name="annualRate">The annual rate; at least 0.</param>
    /// <param name="periodDays">The period length in days; greater than 0 (7 for weeks, <see cref="RfmPeriodUnits.Days"/> in general).</param>
    /// <returns>(1 + annualRate)^(periodDays / 365.25) - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double RateForPeriod(double annualRate, double periodDays)
    {
        Preconditions.CheckNonNegative(annualRate);
        Preconditions.CheckPositive(periodDays);
        return Math.Exp(periodDays / 365.25 * Math.Log(1 + annualRate)) - 1;
    }
}
