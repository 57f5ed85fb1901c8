using System.CommandLine;
using System.CommandLine.Parsing;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// The one error line for a command line that does not parse, in the project's words instead of System.CommandLine's
/// (which names .NET types: "as expected type 'System.Nullable`1[System.Single]'"): it names the option or verb, the
/// value typed and the kind of value expected (a number, a whole number, true or false, one of ...), and suggests the
/// nearest option or verb for a misspelt one (<see cref="NearestNames"/>, as for env ids).
/// </summary>
public static class ParseErrorLine
{
    /// <summary>
    /// The problem with <paramref name="parse"/> (without the "error: " prefix), or null when it has none. An option
    /// that takes one value given more than once is a problem even where System.CommandLine lets the last one win.
    /// </summary>
    public static string? For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (Repeated(parse.CommandResult) is { } repeated)
            return $"{repeated} is given more than once; give it once";
        if (OptionTakenAsValue(parse.CommandResult) is { } missing)
            return missing;
        if (EmptyValue(parse.CommandResult) is { } empty)
            return empty;
        if (parse.UnmatchedTokens.Count > 0)
            return Unmatched(parse, parse.UnmatchedTokens[0]);
        if (OptionLikePath(parse) is { } option)
            return Unmatched(parse, option);
        if (parse.Errors.Count == 0) return null;
        // A bad option value says more than the missing argument it may leave behind.
        var optionErrors = parse.Errors
            .Select(e => e.SymbolResult as OptionResult ?? (e.SymbolResult as ArgumentResult)?.Parent as OptionResult)
            .OfType<OptionResult>();
        if (optionErrors.OrderBy(o => o.IdentifierTokenCount > 0 ? 0 : 1).FirstOrDefault() is { } bad)
            return bad.IdentifierTokenCount > 0 ? OptionValue(bad) : $"'{Verb(parse)}' needs {bad.Option.Name} ({bad.Option.Description})";
        if (parse.Errors.Select(e => e.SymbolResult).OfType<ArgumentResult>().FirstOrDefault() is { Argument: var argument })
            return $"'{Verb(parse)}' needs its {argument.Name.ToUpperInvariant()} argument ({argument.Description})";
        if (command.Subcommands.Count > 0)
            return $"{Subject(Verb(parse))} needs a verb: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        return string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The kind of value an option of <paramref name="type"/> takes, as the messages say it.</summary>
    public static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ => "a value",
        };
    }

    // The first option the user typed twice although it takes one value (--env-option, which repeats, is not one).
    private static string? Repeated(CommandResult command) =>
        GivenOptions(command).FirstOrDefault(o => o.IdentifierTokenCount > 1 && o.Option.Arity.MaximumNumberOfValues <= 1)?.Option.Name;

    // The options given on the command line, of the verb and of every verb above it.
    private static IEnumerable<OptionResult> GivenOptions(CommandResult command)
    {
        for (SymbolResult? result = command; result is not null; result = result.Parent)
            if (result is CommandResult level)
                foreach (var option in level.Children.OfType<OptionResult>())
                    yield return option;
    }

    // An option typed without its value takes the next option's name as the value ("--env --core rims" sets the env to
    // "--core" and leaves "rims" unexpected), so the line must name the option that lacks its value, not the leftover.
    private static string? OptionTakenAsValue(CommandResult command)
    {
        var names = OptionsOf(command).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var option in GivenOptions(command))
            if (option.Tokens.FirstOrDefault(t => names.Contains(t.Value)) is { } taken)
                return NeedsAValue(option.Option) + $" (got the option {taken.Value} after it)";
        return null;
    }

    // An empty value ("--run-dir \"\"", an unset shell variable) is no value: it would otherwise reach the code as a path
    // or name that cannot be one, and fail there as an internal error.
    private static string? EmptyValue(CommandResult command) =>
        GivenOptions(command).FirstOrDefault(o => o.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) is { } empty
            ? NeedsAValue(empty.Option) + $" (got '{empty.Tokens.First(t => string.IsNullOrWhiteSpace(t.Value)).Value}')"
            : null;

    // A verb's variadic path argument (report RUN..., atari verify TRACE...) swallows every word System.CommandLine does
    // not know as an option, so "report RUN --foo" would look for a run folder "--foo": a "--" word before any "--"
    // separator is a misspelt option instead. After the separator it is a path, as POSIX tools read it.
    private static string? OptionLikePath(ParseResult parse)
    {
        int separator = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
            if (argument.Argument.Arity.MaximumNumberOfValues > 1)
                foreach (var token in argument.Tokens)
                {
                    int at = IndexOf(parse.Tokens, token);
                    if (token.Value.StartsWith("--", StringComparison.Ordinal) && token.Value.Length > 2 && (separator < 0 || at < separator))
                        return token.Value;
                }
        return null;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (int i = 0; i < tokens.Count; i++)
            if (ReferenceEquals(tokens[i], token)) return i;
        return -1;
    }

    private static string OptionValue(OptionResult option)
    {
        if (option.Tokens.Count == 0) return NeedsAValue(option.Option);
        string got = string.Join(' ', option.Tokens.Select(t => t.Value));
        return $"{option.Option.Name} takes {Kind(option.Option.ValueType)}{OutOfRange(option.Option.ValueType, got)} (got '{got}')";
    }

    // A whole number too large for the option's type ("--total-steps 99999999999999999999") is one, just not one it holds:
    // the line gives the type's range instead of leaving the user to wonder what is not whole about it.
    private static string OutOfRange(Type type, string got)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Kind(type) != "a whole number" || !System.Numerics.BigInteger.TryParse(got, System.Globalization.CultureInfo.InvariantCulture, out _)) return "";
        // The bound the user crossed: the options' own checks refuse values below their minimum with their own words.
        return got.StartsWith('-') ? $" down to {type.GetField("MinValue")!.GetValue(null)}" : $" up to {type.GetField("MaxValue")!.GetValue(null)}";
    }

    // "--learning-rate needs a value: a number". A text option has no kind to name, so its help line says what it takes
    // ("--core needs a value: core: lstm, gru, rims, or ff ...").
    private static string NeedsAValue(Option option)
    {
        string kind = Kind(option.ValueType);
        if (kind == "a value" && !string.IsNullOrWhiteSpace(option.Description))
        {
            string text = option.Description.TrimEnd('.', ' ');
            // Lower-cased to run on after the colon, except an acronym's capital ("ROM folder", "RIMs units").
            kind = text.Length > 1 && char.IsUpper(text[1]) ? text : char.ToLowerInvariant(text[0]) + text[1..];
        }
        return $"{option.Name} needs a value" + (kind == "a value" ? "" : $": {kind}");
    }

    private static string Unmatched(ParseResult parse, string token)
    {
        var command = parse.CommandResult.Command;
        string verb = Verb(parse);
        if (token.StartsWith('-'))
        {
            var known = OptionsOf(parse.CommandResult).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
            return $"unknown option {token}{For(verb)}; " + Suggest(token, known, $"see '{(verb + " --help").Trim()}'");
        }
        if (command.Subcommands.Count > 0 && !parse.CommandResult.Children.Any())
        {
            var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return $"unknown verb '{token}'{For(verb)}; " + Suggest(token, verbs, "the verbs are " + string.Join(", ", verbs));
        }
        // A switch takes true or false after it and leaves any other word unmatched: say so of the switch.
        int at = parse.Tokens.ToList().FindIndex(t => t.Value == token);
        if (at > 0 && parse.Tokens[at - 1] is { Type: TokenType.Option } previous
            && OptionsOf(parse.CommandResult).FirstOrDefault(o => o.Name == previous.Value || o.Aliases.Contains(previous.Value)) is { ValueType: var type } switchOption
            && (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool))
            return $"{switchOption.Name} is a switch: give it alone, or with true or false (got '{token}')";
        return $"unexpected argument '{token}'{For(verb)}; see '{(verb + " --help").Trim()}'";
    }

    private static string Suggest(string typed, IEnumerable<string> known, string otherwise) =>
        NearestNames.For(typed, known.Distinct()) is { Count: > 0 } nearest ? $"did you mean {string.Join(" or ", nearest)}?" : otherwise;

    // The command's own options and the recursive ones of its ancestors (--help).
    private static IEnumerable<Option> OptionsOf(CommandResult result)
    {
        IEnumerable<Option> options = result.Command.Options;
        for (var parent = result.Parent; parent is not null; parent = parent.Parent)
            if (parent is CommandResult ancestor) options = options.Concat(ancestor.Command.Options.Where(o => o.Recursive));
        return options;
    }

    // "bench atari" for the verb path; empty at the root (whose name is the executable's).
    private static string Verb(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Command: not RootCommand } level; result = result.Parent)
            names.Insert(0, level.Command.Name);
        return string.Join(' ', names);
    }

    private static string Subject(string verb) => verb.Length > 0 ? $"'{verb}'" : "the command line";

    private static string For(string verb) => verb.Length > 0 ? $" for '{verb}'" : "";
}
