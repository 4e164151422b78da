/** Salesforce PKCE controls evaluated from retrieved metadata. */
package io.github.pkce4j.policy;
