/** Console plumbing: page permissions and security headers, sign-in and sign-out. */
package io.opssight.platform.console;
