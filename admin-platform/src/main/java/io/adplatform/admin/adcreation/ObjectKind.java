package io.adplatform.admin.adcreation;

/** The media objects a batch creates, parents first: campaign → ad set → (Meta: creative →) ad. */
public enum ObjectKind {
    CAMPAIGN, ADSET, CREATIVE, AD
}
