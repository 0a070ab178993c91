package dev.confab.client.viewmodel;

/**
 * One finding of the network check, in words: what is wrong and what to do.
 *
 * @param title  the cause ("Only a VPN is connected (wg0)")
 * @param advice what to do about it
 */
public record CheckItem(String title, String advice) {
}
