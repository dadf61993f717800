using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>
/// What replacing an agent who leaves costs: recruiting, training, and the output lost while the new
/// agent ramps up (<c>ramp weeks x paid hours per week x average productivity gap x loaded cost per paid hour</c>).
/// Every input is given by the caller; immutable.
/// </summary>
/// <remarks>
/// The productivity gap is the average shortfall over the ramp-up, as a share of a tenured agent's output: a new
/// agent who climbs linearly from 40% to 100% over the ramp has an average gap of 0.3. The lost output is
/// valued at what the paid time costs (the hours someone else must cover). Vacancy costs before the hire
/// (overtime, a lower service level) are left out, so the figure is a floor.
/// </remarks>
public sealed record AgentAttritionCost
{
    /// <summary>Creates the cost of one leaver.</summary>
    /// <param name="recruitingPerHire">Advertising, agency fees, screening and interview time per hire; at least 0.</param>
    /// <param name="trainingPerHire">Trainer, materials and the trainee's paid classroom time per hire; at least 0.</param>
    /// <param name="rampWeeks">Weeks from the end of training until the new agent is as productive as a tenured one; at least 0.</param>
    /// <param name="productivityGap">The average shortfall of output over the ramp-up, in [0, 1].</param>
    /// <param name="loadedCostPerPaidHour">An agent's loaded cost per paid hour; at least 0, in the currency of the other amounts.</param>
    /// <param name="paidHoursPerWeek">Paid hours per week of one agent; greater than 0 and at most 168.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range; the message names it and the value.</exception>
    /// <exception cref="ArgumentException">The amounts are in different currencies.</exception>
    public AgentAttritionCost(Money recruitingPerHire, Money trainingPerHire, double rampWeeks, double productivityGap, Money loadedCostPerPaidHour, double paidHoursPerWeek)
    {
        var currency = loadedCostPerPaidHour.Currency;
        RecruitingPerHire = CheckAmount(recruitingPerHire, currency, nameof(recruitingPerHire));
        TrainingPerHire = CheckAmount(trainingPerHire, currency, nameof(trainingPerHire));
        LoadedCostPerPaidHour = CheckAmount(loadedCostPerPaidHour, currency, nameof(loadedCostPerPaidHour));
        RampWeeks = Preconditions.CheckInRange(rampWeeks, 0, 520);
        ProductivityGap = Preconditions.CheckInRange(productivityGap, 0, 1);
        PaidHoursPerWeek = paidHoursPerWeek > 0 && paidHoursPerWeek <= 168
            ? paidHoursPerWeek
            : throw new ArgumentOutOfRangeException(nameof(paidHoursPerWeek), paidHoursPerWeek,
                $"Value must be greater than 0 and at most 168; was {paidHoursPerWeek.ToString("R", CultureInfo.InvariantCulture)}.");
    }

    /// <summary>Recruiting cost per hire.</summary>
    public Money RecruitingPerHire { get; }

    /// <summary>Training cost per hire.</summary>
    public Money TrainingPerHire { get; }

    /// <summary>Weeks of ramp-up.</summary>
    public double RampWeeks { get; }

    /// <summary>Average shortfall of output over the ramp-up.</summary>
    public double ProductivityGap { get; }

    /// <summary>Loaded cost per paid hour.</summary>
    public Money LoadedCostPerPaidHour { get; }

    /// <summary>Paid hours per week.</summary>
    public double PaidHoursPerWeek { get; }

    /// <summary>The currency.</summary>
    public Currency Currency => LoadedCostPerPaidHour.Currency;

    /// <summary>The output lost during ramp-up: ramp weeks x paid hours per week x productivity gap x loaded cost per paid hour, rounded to cents.</summary>
    public Money RampUpPerLeaver =>
        new(decimal.Round(LoadedCostPerPaidHour.Amount * (decimal)RampWeeks * (decimal)PaidHoursPerWeek * (decimal)ProductivityGap, 2, MidpointRounding.ToEven), Currency);

    /// <summary>Recruiting + training + ramp-up.</summary>
    public Money PerLeaver => RecruitingPerHire + TrainingPerHire + RampUpPerLeaver;

    /// <summary>The yearly cost for an attrition rate and a headcount: leavers = rate x headcount, each replaced.</summary>
    /// <param name="annualAttritionRate">Leavers per year as a share of the headcount; at least 0 (above 1 when staff turn over more than once a year), at most 10.</param>
    /// <param name="headcount">The average number of agents; at least 0.</param>
    /// <returns>The yearly cost and its parts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public AttritionCostPerYear PerYear(double annualAttritionRate, double headcount)
    {
        Preconditions.CheckInRange(annualAttritionRate, 0, 10);
        Preconditions.CheckInRange(headcount, 0, 1e7);
        decimal leavers = (decimal)annualAttritionRate * (decimal)headcount;
        Money Times(Money m) => new(decimal.Round(m.Amount * leavers, 2, MidpointRounding.ToEven), Currency);
        var recruiting = Times(RecruitingPerHire);
        var training = Times(TrainingPerHire);
        var ramp = Times(RampUpPerLeaver);
        return new AttritionCostPerYear(annualAttritionRate, headcount, (double)leavers, recruiting, training, ramp);
    }

    private static Money CheckAmount(Money value, Currency currency, string field)
    {
        if (value.Currency != currency)
        {
            throw new ArgumentException($"{field} is in {value.Currency} but loadedCostPerPaidHour is in {currency}.", field);
        }
        if (value.Amount < 0 || value.Amount > ChannelRates.MaxAmount)
        {
            throw new ArgumentOutOfRangeException(field, value.Amount,
                $"{field} must be between 0 and {ChannelRates.MaxAmount.ToString(CultureInfo.InvariantCulture)}; was {value.Amount.ToString(CultureInfo.InvariantCulture)}.");
        }
        return value;
    }
}

/// <summary>The yearly cost of agent attrition.</summary>
/// <param name="AnnualAttritionRate">Leavers per year as a share of the headcount.</param>
/// <param name="Headcount">The average number of agents.</param>
/// <param name="Leavers">Rate x headcount.</param>
/// <param name="Recruiting">Leavers x recruiting per hire.</param>
/// <param name="Training">Leavers x training per hire.</param>
/// <param name="RampUp">Leavers x ramp-up per leaver.</param>
public sealed record AttritionCostPerYear(double AnnualAttritionRate, double Headcount, double Leavers, Money Recruiting, Money Training, Money RampUp)
{
    /// <summary>Recruiting + training + ramp-up.</summary>
    public Money Total => Recruiting + Training + RampUp;
}
