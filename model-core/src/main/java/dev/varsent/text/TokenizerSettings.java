package dev.varsent.text;

/**
 * How a {@link Tokenizer} prepares text. Stored in the model bundle as JSON, so a served model
 * tokenizes exactly as it was trained.
 *
 * @param lowerCase lower-case with {@link java.util.Locale#ROOT}
 * @param nfkc apply Unicode NFKC normalisation (full-width letters, ligatures, compatibility forms)
 * @param stripHtml remove HTML tags and decode the common character entities
 */
public record TokenizerSettings(boolean lowerCase, boolean nfkc, boolean stripHtml) {

    public static final TokenizerSettings DEFAULT = new TokenizerSettings(true, true, true);
}
