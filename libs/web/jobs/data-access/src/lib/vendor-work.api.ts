import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Page,
  VendorEarnings,
  VendorProfile,
  VendorWorkItem,
} from '@quorum/contracts';
import { API_BASE_URL } from '@quorum/web/shared/data-access';
import type { Observable } from 'rxjs';

/**
 * GET /vendor/profile answers the profile with who and when (not in the contracts, which only have
 * the request shape); both extras are optional here so an older server still fits.
 */
export interface StoredVendorProfile extends VendorProfile {
  vendorOrgId?: string;
  updatedAt?: string | null;
}

/** The vendor side: work routed to the caller's vendor, accept/decline, and the vendor profile. */
@Injectable({ providedIn: 'root' })
export class VendorWorkApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  work(): Observable<Page<VendorWorkItem>> {
    return this.http.get<Page<VendorWorkItem>>(`${this.base}/vendor/work`);
  }

  accept(jobId: string): Observable<VendorWorkItem> {
    return this.http.post<VendorWorkItem>(`${this.workUrl(jobId)}/accept`, {});
  }

  /** The open slots are re-routed to other vendors. */
  decline(jobId: string): Observable<VendorWorkItem> {
    return this.http.post<VendorWorkItem>(`${this.workUrl(jobId)}/decline`, {});
  }

  getProfile(): Observable<StoredVendorProfile> {
    return this.http.get<StoredVendorProfile>(`${this.base}/vendor/profile`);
  }

  putProfile(profile: VendorProfile): Observable<StoredVendorProfile> {
    return this.http.put<StoredVendorProfile>(
      `${this.base}/vendor/profile`,
      profile,
    );
  }

  /** Earnings per annotator and per job (vendor admins only). */
  earnings(): Observable<VendorEarnings> {
    return this.http.get<VendorEarnings>(`${this.base}/vendor/earnings`);
  }

  private workUrl(jobId: string): string {
    return `${this.base}/vendor/work/${encodeURIComponent(jobId)}`;
  }
}
