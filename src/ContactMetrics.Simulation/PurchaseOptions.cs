namespace ContactMetrics.Simulation;

/// <summary>
/// The planted BG/NBD purchase process (Fader, Hardie and Lee 2005, "Counting your customers the
/// easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2), 275-284). Time unit: weeks.
/// </summary>
/// <remarks>
/// <para>Each customer makes a first (trial) purchase at acquisition; that instant is the model's
/// time 0. While active, repeat purchases follow a Poisson process with rate lambda per week,
/// lambda ~ Gamma(shape <see cref="R"/>, rate <see cref="Alpha"/>) across customers (mean r / alpha).
/// After each repeat purchase the customer becomes inactive with probability p,
/// p ~ Beta(<see cref="A"/>, <see cref="B"/>) across customers (assumptions 1-5 of the paper).
/// There is no drop-out at the trial purchase, as in the model's likelihood.</para>
/// <para>Purchases also stop at churn (<see cref="Domain.Customer.ChurnedOn"/>), which BG/NBD does
/// not model; with <see cref="ChurnOptions.None"/> the purchases are exactly BG/NBD, so a fit
/// to a calibration period recovers these parameters. The defaults are the paper's CDNOW
/// estimates (r = 0.243, alpha = 4.414, a = 0.793, b = 2.426).</para>
/// </remarks>
public sealed record PurchaseOptions
{
    /// <summary>Shape r of the gamma distribution of purchase rates; greater than 0. Default 0.243.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double R { get; init => field = Preconditions.CheckPositive(value, nameof(R)); } = 0.243;

    /// <summary>Rate alpha of the gamma distribution of purchase rates, in weeks (a scale of time); greater than 0. Default 4.414.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double Alpha { get; init => field = Preconditions.CheckPositive(value, nameof(Alpha)); } = 4.414;

    /// <summary>Parameter a of the beta distribution of drop-out probabilities; greater than 0. Default 0.793.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double A { get; init => field = Preconditions.CheckPositive(value, nameof(A)); } = 0.793;

    /// <summary>Parameter b of the beta distribution of drop-out probabilities; greater than 0. Default 2.426.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double B { get; init => field = Preconditions.CheckPositive(value, nameof(B)); } = 2.426;
}
