/** Automation runs (Ansible via AWX) and infrastructure changes (Terraform plans). */
package io.opssight.automation.entity;
