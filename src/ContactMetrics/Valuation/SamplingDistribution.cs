namespace ContactMetrics.Valuation;

/// <summary>How the Monte Carlo of a business case draws an input from its point value and interval.</summary>
public enum SamplingDistribution
{
    /// <summary>
    /// A normal distribution whose central interval of the input's coverage is [low, high] with its median at the
    /// point value; when the interval is asymmetric (a Wilson interval near 0 or 1) each side gets its own standard
    /// deviation (a split normal), so low and high stay the stated quantiles. For a confidence interval of an
    /// estimate or a user's P10-P90.
    /// </summary>
    Normal,

    /// <summary>A triangular distribution on [low, high] with its mode at the point value. For a user's min-mode-max.</summary>
    Triangular,

    /// <summary>
    /// A PERT distribution on [low, high] with its mode at the point value: a Beta with shapes 1 + 4 (mode - low) / (high - low)
    /// and 1 + 4 (high - mode) / (high - low) (Malcolm et al. 1959; Vose, Risk Analysis, 3rd ed., 2008, section 9.1). Less
    /// weight on the ends than the triangular; for a user's min-likely-max.
    /// </summary>
    Pert,

    /// <summary>Uniform on [low, high]; the point value is only the value the deterministic case uses. For "anywhere in this range".</summary>
    Uniform,
}
