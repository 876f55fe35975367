import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AppointmentResponse, AesEnvelopeDto } from '@confidant/shared/api-interfaces';
import { AppointmentApi, SessionStore } from '@confidant/web/core';
import { firstValueFrom } from 'rxjs';

type Crypto = typeof import('@confidant/shared/crypto');

/** A date the counsellor proposes: wall-clock time in the centre's zone and a length. */
export interface AppointmentSlot {
  /** `YYYY-MM-DDTHH:mm`, in the centre's time zone. */
  startsAt: string;
  durationMinutes: number;
}

/**
 * Chat appointments (DESIGN.md section 7): proposed by her counsellor, accepted or declined by
 * her, cancelled by either with a short reason that is encrypted like a message.
 */
@Injectable({ providedIn: 'root' })
export class Appointments {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  /** The caller's appointments across conversations, earliest first. */
  mine(): Promise<AppointmentResponse[]> {
    return firstValueFrom(this.http.get<AppointmentResponse[]>(AppointmentApi.mine));
  }

  forConversation(conversationId: string): Promise<AppointmentResponse[]> {
    return firstValueFrom(
      this.http.get<AppointmentResponse[]>(AppointmentApi.forConversation(conversationId)),
    );
  }

  /** One date, with the others as alternatives of the same proposal. */
  propose(conversationId: string, [first, ...alternatives]: AppointmentSlot[]) {
    return firstValueFrom(
      this.http.post<AppointmentResponse[]>(AppointmentApi.forConversation(conversationId), {
        ...first,
        ...(alternatives.length > 0 ? { alternatives } : {}),
      }),
    );
  }

  accept(id: string): Promise<AppointmentResponse> {
    return this.act(id, 'accept');
  }

  decline(id: string): Promise<AppointmentResponse> {
    return this.act(id, 'decline');
  }

  /** The counsellor opens the chat room (from ten minutes before the start). */
  open(id: string): Promise<AppointmentResponse> {
    return this.act(id, 'open');
  }

  /** Cancels with a reason, encrypted under the conversation key as message `appointment.id`. */
  async cancel(
    appointment: AppointmentResponse,
    key: CryptoKey,
    reason: string,
  ): Promise<AppointmentResponse> {
    const me = this.session.account()?.id;
    if (!me) {
      throw new Error('No session.');
    }
    const crypto = await loadCrypto();
    const envelope = await crypto.encryptMessage(
      key,
      { conversationId: appointment.conversationId, messageId: appointment.id, senderId: me },
      { text: reason },
    );
    return firstValueFrom(
      this.http.post<AppointmentResponse>(AppointmentApi.action(appointment.id, 'cancel'), {
        reason: envelope as AesEnvelopeDto,
      }),
    );
  }

  /** The cancellation reason, or null when it cannot be opened. */
  async cancelReason(appointment: AppointmentResponse, key: CryptoKey): Promise<string | null> {
    if (!appointment.cancelReason || !appointment.cancelledBy) {
      return null;
    }
    const crypto = await loadCrypto();
    try {
      const content = await crypto.decryptMessage(
        key,
        {
          conversationId: appointment.conversationId,
          messageId: appointment.id,
          senderId: appointment.cancelledBy,
        },
        appointment.cancelReason,
      );
      return content.text;
    } catch {
      return null;
    }
  }

  calendarUrl(id: string): string {
    return AppointmentApi.calendar(id);
  }

  private act(id: string, action: 'accept' | 'decline' | 'open'): Promise<AppointmentResponse> {
    return firstValueFrom(
      this.http.post<AppointmentResponse>(AppointmentApi.action(id, action), {}),
    );
  }
}

function loadCrypto(): Promise<Crypto> {
  return import('@confidant/shared/crypto');
}
